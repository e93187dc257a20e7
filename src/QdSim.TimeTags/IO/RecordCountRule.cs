namespace QdSim.TimeTags.IO;

/// <summary>
/// One rule for every fixed-size-record format: the file size decides how many complete records there are.
/// <list type="bullet">
/// <item>A partial last record proves the file was cut (a copy or a measurement interrupted): a warning, and the
/// complete records are read, also when the header counts more of them (it was written for the whole file).</item>
/// <item>A header count that disagrees with a file ending on a record boundary, or that counts fewer records than a
/// cut file holds, is a header that lies: an error naming the count's byte offset, or a warning under
/// <see cref="TimeTagReadOptions.TrustFileSize"/>.</item>
/// <item>A declared count of 0 (or absent) means "count from the file size", as PicoQuant software writes while a
/// measurement runs.</item>
/// </list>
/// </summary>
internal static class RecordCountRule
{
    public static long Resolve(string path, long dataOffset, long fileLength, int recordSizeBytes,
        long? declared, long declaredValueOffset, TimeTagReadOptions options, Action<string> warn)
    {
        long dataBytes = Math.Max(0, fileLength - dataOffset);
        long complete = dataBytes / recordSizeBytes;
        int tailBytes = (int)(dataBytes % recordSizeBytes);
        bool cut = tailBytes != 0;
        if (cut)
        {
            string missing = declared is { } d && d > complete ? $"; the header declares {d}, so {d - complete} are missing" : "";
            warn($"{path}: at byte {dataOffset + complete * recordSizeBytes}: truncated last record ({tailBytes} of {recordSizeBytes} bytes){missing}; reading the {complete} complete records");
        }
        bool explainedByCut = cut && declared > complete;
        if (declared is > 0 && declared != complete && !explainedByCut)
        {
            string problem = $"header declares {declared} records but the file holds {complete} complete {recordSizeBytes}-byte records after the header at byte {dataOffset}";
            if (!options.TrustFileSize)
                throw new TimeTagFormatException(path, declaredValueOffset, problem + ": expected them to agree (file cut short or header wrong)");
            warn($"{path}: {problem}; reading what the file holds");
        }
        return complete;
    }
}
