using System.Runtime.InteropServices;

namespace QdSim.Gpu.Interop;

/// <summary>Failure of a CUDA driver call: the function, the CUresult code and the driver's own text.</summary>
public sealed class CudaException(string function, int code, string text)
    : Exception($"{function} failed: {text} (CUresult {code})")
{
    public int Code { get; } = code;
    public string Function { get; } = function;
}

/// <summary>
/// The subset of the CUDA driver API (libcuda.so.1 / nvcuda.dll) the ensemble backend uses, bound at run time through
/// unmanaged function pointers (no DllImport: loading this type never fails). Handles are opaque pointers; device
/// pointers are 64-bit integers (CUdeviceptr). Only explicit device allocations, no managed memory.
/// </summary>
public sealed unsafe class CudaDriver
{
    public const int Success = 0;
    public const int ErrorOutOfMemory = 2;
    public const int ErrorNoDevice = 100;
    public const int AttributeComputeCapabilityMajor = 75;
    public const int AttributeComputeCapabilityMinor = 76;
    public const int AttributeMultiprocessorCount = 16;

    private static readonly string[] Candidates = OperatingSystem.IsWindows() ? ["nvcuda.dll"] : ["libcuda.so.1", "libcuda.so"];

    private readonly delegate* unmanaged<uint, int> _cuInit;
    private readonly delegate* unmanaged<int*, int> _cuDeviceGetCount;
    private readonly delegate* unmanaged<int*, int, int> _cuDeviceGet;
    private readonly delegate* unmanaged<int*, int, int, int> _cuDeviceGetAttribute;
    private readonly delegate* unmanaged<byte*, int, int, int> _cuDeviceGetName;
    private readonly delegate* unmanaged<IntPtr*, uint, int, int> _cuCtxCreate;
    private readonly delegate* unmanaged<IntPtr, int> _cuCtxDestroy;
    private readonly delegate* unmanaged<IntPtr, int> _cuCtxSetCurrent;
    private readonly delegate* unmanaged<IntPtr*, byte*, int> _cuModuleLoadData;
    private readonly delegate* unmanaged<IntPtr, int> _cuModuleUnload;
    private readonly delegate* unmanaged<IntPtr*, IntPtr, byte*, int> _cuModuleGetFunction;
    private readonly delegate* unmanaged<ulong*, nuint, int> _cuMemAlloc;
    private readonly delegate* unmanaged<ulong, int> _cuMemFree;
    private readonly delegate* unmanaged<ulong, void*, nuint, int> _cuMemcpyHtoD;
    private readonly delegate* unmanaged<void*, ulong, nuint, int> _cuMemcpyDtoH;
    private readonly delegate* unmanaged<ulong, byte, nuint, int> _cuMemsetD8;
    private readonly delegate* unmanaged<IntPtr, uint, uint, uint, uint, uint, uint, uint, IntPtr, void**, void**, int> _cuLaunchKernel;
    private readonly delegate* unmanaged<int> _cuCtxSynchronize;
    private readonly delegate* unmanaged<int, byte**, int> _cuGetErrorString;

    private CudaDriver(IntPtr lib, string name)
    {
        LibraryName = name;
        IntPtr E(string s) => NativeLibraryProbe.Export(lib, name, s);
        _cuInit = (delegate* unmanaged<uint, int>)E("cuInit");
        _cuDeviceGetCount = (delegate* unmanaged<int*, int>)E("cuDeviceGetCount");
        _cuDeviceGet = (delegate* unmanaged<int*, int, int>)E("cuDeviceGet");
        _cuDeviceGetAttribute = (delegate* unmanaged<int*, int, int, int>)E("cuDeviceGetAttribute");
        _cuDeviceGetName = (delegate* unmanaged<byte*, int, int, int>)E("cuDeviceGetName");
        _cuCtxCreate = (delegate* unmanaged<IntPtr*, uint, int, int>)E("cuCtxCreate_v2");
        _cuCtxDestroy = (delegate* unmanaged<IntPtr, int>)E("cuCtxDestroy_v2");
        _cuCtxSetCurrent = (delegate* unmanaged<IntPtr, int>)E("cuCtxSetCurrent");
        _cuModuleLoadData = (delegate* unmanaged<IntPtr*, byte*, int>)E("cuModuleLoadData");
        _cuModuleUnload = (delegate* unmanaged<IntPtr, int>)E("cuModuleUnload");
        _cuModuleGetFunction = (delegate* unmanaged<IntPtr*, IntPtr, byte*, int>)E("cuModuleGetFunction");
        _cuMemAlloc = (delegate* unmanaged<ulong*, nuint, int>)E("cuMemAlloc_v2");
        _cuMemFree = (delegate* unmanaged<ulong, int>)E("cuMemFree_v2");
        _cuMemcpyHtoD = (delegate* unmanaged<ulong, void*, nuint, int>)E("cuMemcpyHtoD_v2");
        _cuMemcpyDtoH = (delegate* unmanaged<void*, ulong, nuint, int>)E("cuMemcpyDtoH_v2");
        _cuMemsetD8 = (delegate* unmanaged<ulong, byte, nuint, int>)E("cuMemsetD8_v2");
        _cuLaunchKernel = (delegate* unmanaged<IntPtr, uint, uint, uint, uint, uint, uint, uint, IntPtr, void**, void**, int>)E("cuLaunchKernel");
        _cuCtxSynchronize = (delegate* unmanaged<int>)E("cuCtxSynchronize");
        _cuGetErrorString = (delegate* unmanaged<int, byte**, int>)E("cuGetErrorString");
    }

    /// <summary>File name the driver was loaded from.</summary>
    public string LibraryName { get; }

    /// <summary>Loads the driver library and binds its entry points; null with the reason when it cannot.</summary>
    public static CudaDriver? TryLoad(out string reason) =>
        NativeLibraryProbe.Bind(Candidates, $"{Candidates[0]} not found (no NVIDIA driver)", (lib, name) => new CudaDriver(lib, name), out reason);

    public string ErrorText(int code)
    {
        byte* text = null;
        return _cuGetErrorString(code, &text) == Success && text != null ? Marshal.PtrToStringAnsi((IntPtr)text) ?? "?" : "unknown error";
    }

    /// <summary>Throws <see cref="CudaException"/> for a failed call.</summary>
    public void Check(int code, string function)
    {
        if (code != Success) throw new CudaException(function, code, ErrorText(code));
    }

    public int Init() => _cuInit(0);

    public int DeviceCount(out int count)
    {
        int c = 0;
        int r = _cuDeviceGetCount(&c);
        count = c;
        return r;
    }

    public int Device(int ordinal)
    {
        int d = 0;
        Check(_cuDeviceGet(&d, ordinal), "cuDeviceGet");
        return d;
    }

    public int Attribute(int device, int attribute)
    {
        int v = 0;
        Check(_cuDeviceGetAttribute(&v, attribute, device), "cuDeviceGetAttribute");
        return v;
    }

    public string DeviceName(int device)
    {
        byte* name = stackalloc byte[256];
        Check(_cuDeviceGetName(name, 256, device), "cuDeviceGetName");
        return Marshal.PtrToStringAnsi((IntPtr)name) ?? "?";
    }

    public IntPtr CreateContext(int device)
    {
        IntPtr ctx;
        Check(_cuCtxCreate(&ctx, 0, device), "cuCtxCreate_v2");
        return ctx;
    }

    public void SetCurrent(IntPtr context) => Check(_cuCtxSetCurrent(context), "cuCtxSetCurrent");

    public int DestroyContext(IntPtr context) => _cuCtxDestroy(context);

    /// <summary>Loads a PTX image (NUL-terminated bytes).</summary>
    public IntPtr LoadModule(byte[] ptx)
    {
        IntPtr module;
        fixed (byte* image = ptx) Check(_cuModuleLoadData(&module, image), "cuModuleLoadData");
        return module;
    }

    public int UnloadModule(IntPtr module) => _cuModuleUnload(module);

    public IntPtr Function(IntPtr module, string name)
    {
        IntPtr f;
        var bytes = System.Text.Encoding.ASCII.GetBytes(name + "\0");
        fixed (byte* n = bytes) Check(_cuModuleGetFunction(&f, module, n), "cuModuleGetFunction");
        return f;
    }

    public ulong Allocate(long bytes)
    {
        ulong p;
        Check(_cuMemAlloc(&p, (nuint)Math.Max(1, bytes)), "cuMemAlloc_v2");
        return p;
    }

    public int Free(ulong pointer) => pointer == 0 ? Success : _cuMemFree(pointer);

    public void Zero(ulong pointer, long bytes) => Check(_cuMemsetD8(pointer, 0, (nuint)bytes), "cuMemsetD8_v2");

    public void CopyToDevice<T>(ulong destination, ReadOnlySpan<T> source) where T : unmanaged
    {
        fixed (T* s = source) Check(_cuMemcpyHtoD(destination, s, (nuint)(source.Length * sizeof(T))), "cuMemcpyHtoD_v2");
    }

    public void CopyToHost<T>(Span<T> destination, ulong source) where T : unmanaged
    {
        fixed (T* d = destination) Check(_cuMemcpyDtoH(d, source, (nuint)(destination.Length * sizeof(T))), "cuMemcpyDtoH_v2");
    }

    /// <summary>Launches a 1-D grid; <paramref name="arguments"/> points at an array of pointers to each argument.</summary>
    public void Launch(IntPtr function, uint blocks, uint threadsPerBlock, void** arguments)
    {
        Check(_cuLaunchKernel(function, blocks, 1, 1, threadsPerBlock, 1, 1, 0, IntPtr.Zero, arguments, null), "cuLaunchKernel");
        Check(_cuCtxSynchronize(), "cuCtxSynchronize");
    }
}
