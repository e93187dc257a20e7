using System.Runtime.InteropServices;

namespace QdSim.Gpu.Interop;

/// <summary>
/// Loads a native library by trying candidate names with <see cref="NativeLibrary.TryLoad(string, out IntPtr)"/>:
/// nothing is bound at type load, so a machine without CUDA never throws DllNotFoundException — it gets a reason.
/// </summary>
internal static class NativeLibraryProbe
{
    public static bool TryLoad(IEnumerable<string> candidates, out IntPtr handle, out string loadedName)
    {
        foreach (var name in candidates)
        {
            if (NativeLibrary.TryLoad(name, out handle))
            {
                loadedName = name;
                return true;
            }
        }
        handle = IntPtr.Zero;
        loadedName = "";
        return false;
    }

    /// <summary>
    /// Loads the first candidate and binds it with <paramref name="bind"/>; null with the reason when no candidate loads
    /// (<paramref name="notFound"/>) or a symbol is missing.
    /// </summary>
    public static T? Bind<T>(IEnumerable<string> candidates, string notFound, Func<IntPtr, string, T> bind, out string reason) where T : class
    {
        if (!TryLoad(candidates, out var lib, out var name))
        {
            reason = notFound;
            return null;
        }
        try
        {
            reason = "";
            return bind(lib, name);
        }
        catch (EntryPointNotFoundException e)
        {
            reason = e.Message;
            return null;
        }
    }

    /// <summary>Address of an exported symbol; throws <see cref="EntryPointNotFoundException"/> naming it when absent.</summary>
    public static IntPtr Export(IntPtr library, string libraryName, string symbol) =>
        NativeLibrary.TryGetExport(library, symbol, out var address)
            ? address
            : throw new EntryPointNotFoundException($"{libraryName} has no symbol {symbol} (driver or toolkit too old?)");
}
