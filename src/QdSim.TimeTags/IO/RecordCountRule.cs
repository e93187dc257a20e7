namespace QdSim.TimeTags.IO;

/// <summary>
/// One rule for every fixed-size-record format: the file size decides how many complete records there are; a partial
/// last record is a warning (the complete ones are read); a header count that disagrees otherwise is an error, or a
/// warning under <see cref="TimeTagReadOptions.TrustFileSize"/>. A declared count of 0 (or absent) means "count from
/// the file size", as PicoQuant software writes while a measurement runs.
/// </summary>
internal static class RecordCountRule
{
    public static long Resolve(string path, long dataOffset, long fileLength, int recordSizeBytes,
        long? declared, long declaredValueOffset, TimeTagReadOptions options, Action<string> warn)
    {
        long dataBytes = Math.Max(0, fileLength - dataOffset);
        long complete = dataBytes / recordSizeBytes;
        int tailBytes = (int)(dataBytes % recordSizeBytes);
        if (tailBytes != 0)
            warn($"{path}: at byte {dataOffset + complete * recordSizeBytes}: truncated last record ({tailBytes} of {recordSizeBytes} bytes); reading the {complete} complete records");
        bool tailIsTheMissingOne = tailBytes != 0 && declared == complete + 1;
        if (declared is > 0 && declared != complete && !tailIsTheMissingOne)
        {
            string problem = $"header declares {declared} records but the file holds {complete} complete {recordSizeBytes}-byte records after the header at byte {dataOffset}";
            if (!options.TrustFileSize)
                throw new TimeTagFormatException(path, declaredValueOffset, problem + ": expected them to agree (file cut short or header wrong)");
            warn($"{path}: {problem}; reading what the file holds");
        }
        return complete;
    }
}
