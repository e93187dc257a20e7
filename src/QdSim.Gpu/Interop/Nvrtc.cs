using System.Runtime.InteropServices;
using System.Text;

namespace QdSim.Gpu.Interop;

/// <summary>NVRTC rejected the kernel source: the compile log travels with the exception.</summary>
public sealed class NvrtcCompileException(string log) : Exception("NVRTC could not compile the kernel")
{
    public string Log { get; } = log;
}

/// <summary>
/// NVRTC, the CUDA run-time compiler (libnvrtc.so.12 / .so.11.2 / libnvrtc.so, or the path in QDSIM_NVRTC), bound at
/// run time: compiles CUDA C source to PTX for the compute capability of the device present.
/// </summary>
public sealed unsafe class Nvrtc
{
    private const int NvrtcSuccess = 0;

    private readonly delegate* unmanaged<IntPtr*, byte*, byte*, int, byte**, byte**, int> _create;
    private readonly delegate* unmanaged<IntPtr, int, byte**, int> _compile;
    private readonly delegate* unmanaged<IntPtr, nuint*, int> _logSize;
    private readonly delegate* unmanaged<IntPtr, byte*, int> _log;
    private readonly delegate* unmanaged<IntPtr, nuint*, int> _ptxSize;
    private readonly delegate* unmanaged<IntPtr, byte*, int> _ptx;
    private readonly delegate* unmanaged<IntPtr*, int> _destroy;
    private readonly delegate* unmanaged<int, byte*> _errorString;

    private Nvrtc(IntPtr lib, string name)
    {
        LibraryName = name;
        IntPtr E(string s) => NativeLibraryProbe.Export(lib, name, s);
        _create = (delegate* unmanaged<IntPtr*, byte*, byte*, int, byte**, byte**, int>)E("nvrtcCreateProgram");
        _compile = (delegate* unmanaged<IntPtr, int, byte**, int>)E("nvrtcCompileProgram");
        _logSize = (delegate* unmanaged<IntPtr, nuint*, int>)E("nvrtcGetProgramLogSize");
        _log = (delegate* unmanaged<IntPtr, byte*, int>)E("nvrtcGetProgramLog");
        _ptxSize = (delegate* unmanaged<IntPtr, nuint*, int>)E("nvrtcGetPTXSize");
        _ptx = (delegate* unmanaged<IntPtr, byte*, int>)E("nvrtcGetPTX");
        _destroy = (delegate* unmanaged<IntPtr*, int>)E("nvrtcDestroyProgram");
        _errorString = (delegate* unmanaged<int, byte*>)E("nvrtcGetErrorString");
    }

    public string LibraryName { get; }

    /// <summary>Library names tried in order (QDSIM_NVRTC first when set).</summary>
    public static IReadOnlyList<string> Candidates()
    {
        var list = new List<string>();
        if (System.Environment.GetEnvironmentVariable("QDSIM_NVRTC") is { Length: > 0 } explicitPath) list.Add(explicitPath);
        if (OperatingSystem.IsWindows()) list.AddRange(["nvrtc64_120_0.dll", "nvrtc64_112_0.dll"]);
        else list.AddRange(["libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so", "/usr/local/cuda/lib64/libnvrtc.so.12", "/usr/local/cuda/lib64/libnvrtc.so"]);
        return list;
    }

    public static Nvrtc? TryLoad(out string reason) =>
        NativeLibraryProbe.Bind(Candidates(), "libnvrtc.so.12 not found (install the CUDA NVRTC runtime or set QDSIM_NVRTC to its path)",
            (lib, name) => new Nvrtc(lib, name), out reason);

    /// <summary>Compiles <paramref name="source"/> to NUL-terminated PTX for compute capability major.minor.</summary>
    /// <exception cref="NvrtcCompileException">The source did not compile; carries the log.</exception>
    public byte[] CompileToPtx(string source, string programName, int major, int minor, IEnumerable<string>? extraOptions = null)
    {
        var options = new List<string> { $"--gpu-architecture=compute_{major}{minor}", "--std=c++14" };
        if (extraOptions is not null) options.AddRange(extraOptions);
        IntPtr program;
        byte[] src = Encoding.UTF8.GetBytes(source + "\0"), name = Encoding.ASCII.GetBytes(programName + "\0");
        fixed (byte* s = src, n = name) Check(_create(&program, s, n, 0, null, null), "nvrtcCreateProgram");
        var handles = options.Select(o => GCHandle.Alloc(Encoding.ASCII.GetBytes(o + "\0"), GCHandleType.Pinned)).ToArray();
        try
        {
            var pointers = stackalloc byte*[handles.Length];
            for (int i = 0; i < handles.Length; i++) pointers[i] = (byte*)handles[i].AddrOfPinnedObject();
            int compiled = _compile(program, handles.Length, pointers);
            if (compiled != NvrtcSuccess) throw new NvrtcCompileException(ReadLog(program));
            nuint size;
            Check(_ptxSize(program, &size), "nvrtcGetPTXSize");
            var ptx = new byte[(int)size];
            fixed (byte* p = ptx) Check(_ptx(program, p), "nvrtcGetPTX");
            return ptx;
        }
        finally
        {
            foreach (var h in handles) h.Free();
            _destroy(&program);
        }
    }

    private string ReadLog(IntPtr program)
    {
        nuint size;
        if (_logSize(program, &size) != NvrtcSuccess || size == 0) return "(no log)";
        var log = new byte[(int)size];
        fixed (byte* l = log) _log(program, l);
        return Encoding.UTF8.GetString(log).TrimEnd('\0');
    }

    private void Check(int code, string function)
    {
        if (code == NvrtcSuccess) return;
        string text = Marshal.PtrToStringAnsi((IntPtr)_errorString(code)) ?? "?";
        throw new InvalidOperationException($"{function} failed: {text} (nvrtcResult {code})");
    }
}
