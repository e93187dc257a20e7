using System.Runtime.InteropServices;
using QdSim.TimeTags.IO;
using QdSim.TimeTags.Ptu.Records;

namespace QdSim.TimeTags.Ptu;

/// <summary>
/// Streams the records of a PicoQuant PTU file as <see cref="TimeTagEvent"/>s: the file is read in blocks
/// (<see cref="TimeTagReadOptions.BlockSizeBytes"/>) and decoded by one sealed decoder per record family, so memory
/// is bounded whatever the file size. Every record type in <see cref="PtuRecordType"/> is supported.
/// </summary>
public sealed class PtuReader : ITimeTagReader
{
    // Plausibility bounds that keep a corrupt header from producing absurd clocks (no instrument syncs above 10 GHz).
    private const double MaxSyncRateHz = 1e10;
    private const double MinSyncPeriodS = 1 / MaxSyncRateHz;

    private readonly FileStream _stream;
    private readonly PtuRecordDecoder _decoder;
    private readonly byte[] _block;
    private readonly long _dataEnd;
    private readonly List<string> _warnings = [];
    private readonly Action<string>? _onWarning;
    private int _blockStart;
    private int _blockEnd;
    private long _blockFileOffset;

    private PtuReader(FileStream stream, PtuHeader header, TimeTagReadOptions options)
    {
        _stream = stream;
        Header = header;
        _onWarning = options.OnWarning;
        string path = stream.Name;
        long fileLength = stream.Length;

        PtuTag typeTag = header.Find("TTResultFormat_TTTRRecType")
            ?? throw new TimeTagFormatException(path, header.DataOffset, "PTU header lacks TTResultFormat_TTTRRecType: expected the TTTR record type tag");
        long code = typeTag.Value is long value ? value : -1;
        if (code < 0 || code > uint.MaxValue || !PtuRecordTypes.IsKnown((uint)code))
            throw new TimeTagFormatException(path, typeTag.ValueOffset,
                $"unknown TTTR record type 0x{code:X8}: expected one of {string.Join(", ", PtuRecordTypes.All.Select(t => $"{t} 0x{(uint)t:X8}"))}");
        RecordType = (PtuRecordType)(uint)code;
        long? bits = header.GetInt64("TTResultFormat_BitsPerRecord");
        if (bits is not null && bits != 32)
            throw new TimeTagFormatException(path, header.Find("TTResultFormat_BitsPerRecord")!.ValueOffset,
                $"TTResultFormat_BitsPerRecord is {bits}: expected 32");

        long? declared = header.GetInt64("TTResult_NumberOfRecords");
        long completeRecords = RecordCountRule.Resolve(path, header.DataOffset, fileLength, 4, declared,
            header.Find("TTResult_NumberOfRecords")?.ValueOffset ?? 0, options, Warn);
        RecordCount = completeRecords;
        _dataEnd = header.DataOffset + completeRecords * 4;

        Info = BuildInfo(path, header, RecordType, declared);
        T3Clock? clock = Info.Mode == MeasurementMode.T3 ? new T3Clock(Info.SyncRateHz!.Value, Info.MicroTimeResolutionS!.Value) : null;
        _decoder = PtuRecordCodecs.CreateDecoder(RecordType, clock);
        _block = new byte[Math.Max(4, options.BlockSizeBytes / 4 * 4)];
        _blockFileOffset = header.DataOffset;
    }

    /// <inheritdoc/>
    public TimeTagStreamInfo Info { get; }

    /// <summary>The parsed header tags.</summary>
    public PtuHeader Header { get; }

    /// <summary>Record type of the file.</summary>
    public PtuRecordType RecordType { get; }

    /// <summary>Number of complete records in the file (the file size decides, see <see cref="TimeTagReadOptions.TrustFileSize"/>).</summary>
    public long RecordCount { get; }

    /// <summary>Warnings about the file (truncated tail, ...), in the order they arose.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <inheritdoc/>
    public (long Done, long Total) Position => (_blockFileOffset + _blockStart, _stream.Length);

    /// <summary>Opens a PTU file and parses its header.</summary>
    /// <exception cref="TimeTagFormatException">Not a PTU file, an unknown record type, or a record count that disagrees with the file size.</exception>
    public static PtuReader Open(string path, TimeTagReadOptions? options = null)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        try
        {
            var header = PtuHeader.Read(stream, path);
            return new PtuReader(stream, header, options ?? TimeTagReadOptions.Default);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public int Read(Span<TimeTagEvent> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            if (_blockStart == _blockEnd && !FillBlock())
                break;
            var records = MemoryMarshal.Cast<byte, uint>(_block.AsSpan(_blockStart, _blockEnd - _blockStart));
            int consumed;
            try
            {
                total += _decoder.Decode(records, buffer[total..], out consumed);
            }
            catch (OverflowException)
            {
                // Only a corrupt file gets here: an overflow count that pushes T3 times past 2^63 ps (106 days).
                throw new TimeTagFormatException(_stream.Name, _blockFileOffset + _blockStart,
                    "times run past the 64-bit picosecond range (106 days): expected a plausible sync rate and overflow records");
            }
            _blockStart += consumed * 4;
            if (_decoder.InvalidRecordProblem is { } problem)
                throw new TimeTagFormatException(_stream.Name, _blockFileOffset + _blockStart,
                    $"invalid {RecordType} record 0x{records[consumed]:X8}: {problem}");
        }
        return total;
    }

    public void Dispose() => _stream.Dispose();

    private bool FillBlock()
    {
        _blockFileOffset += _blockEnd;
        _blockStart = 0;
        _blockEnd = 0;
        long remaining = _dataEnd - _blockFileOffset;
        if (remaining <= 0)
            return false;
        int want = (int)Math.Min(_block.Length, remaining);
        _stream.Position = _blockFileOffset;
        int got = StreamReading.ReadFully(_stream, _block.AsSpan(0, want));
        if (got < want)
            throw new TimeTagFormatException(_stream.Name, _blockFileOffset + got, "file shrank while it was read: expected more records");
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("PTU decoding assumes a little-endian machine.");
        _blockEnd = want;
        return true;
    }

    private void Warn(string message)
    {
        _warnings.Add(message);
        _onWarning?.Invoke(message);
    }

    private static TimeTagStreamInfo BuildInfo(string path, PtuHeader header, PtuRecordType type, long? declared)
    {
        MeasurementMode mode = PtuRecordTypes.ModeOf(type);
        double globalResolutionS = header.GetDouble("MeasDesc_GlobalResolution") ?? 0;
        double resolutionS = header.GetDouble("MeasDesc_Resolution") ?? 0;
        long syncRateHz = header.GetInt64("TTResult_SyncRate") ?? 0;
        long? acquisitionMs = header.GetInt64("MeasDesc_AcquisitionTime");
        double? syncRate = syncRateHz > 0 ? syncRateHz : null;
        double tickResolutionS;
        double? microTimeResolutionS = null;
        if (mode == MeasurementMode.T2)
        {
            if (!(globalResolutionS is > 0 and < 1))
                throw MissingTag(path, header, "MeasDesc_GlobalResolution", "a T2 time-tag resolution between 0 and 1 s");
            tickResolutionS = globalResolutionS;
        }
        else
        {
            // T3 sync period: 1/TTResult_SyncRate (an integer in Hz, so the period is an exact rational); files without
            // a sync rate fall back on MeasDesc_GlobalResolution, which T3 files set to the sync period.
            if (syncRate is null && globalResolutionS is > MinSyncPeriodS and < 1)
                syncRate = 1.0 / globalResolutionS;
            if (syncRate is not (>= 1 and <= MaxSyncRateHz))
                throw MissingTag(path, header, "TTResult_SyncRate", $"a T3 sync rate between 1 and {MaxSyncRateHz:E0} Hz");
            if (!(resolutionS is > 0 and < 1))
                throw MissingTag(path, header, "MeasDesc_Resolution", "a T3 micro-time resolution between 0 and 1 s");
            tickResolutionS = 1e-12;
            microTimeResolutionS = resolutionS;
        }
        return new TimeTagStreamInfo
        {
            Mode = mode,
            TickResolutionS = tickResolutionS,
            SyncRateHz = syncRate,
            MicroTimeResolutionS = microTimeResolutionS,
            AcquisitionTimeS = acquisitionMs is { } ms ? ms / 1000.0 : null,
            DeclaredRecordCount = declared is > 0 ? declared : null,
            RecordTypeCode = (uint)type,
            PhotonChannels = PhotonChannelsOf(header, type, mode),
            HeaderTags = header.ToDictionary(),
            Source = path,
        };
    }

    /// <summary>
    /// Channels the hardware can record, numbered as in <see cref="TimeTagEvent.Channel"/>: PicoHarp T2 0–1 (input 0
    /// is the sync input used as a detector), PicoHarp T3 1; HydraHarp family HW_InpChannels − 1 detector inputs
    /// (the count includes sync), T2 from 1, T3 from 0.
    /// </summary>
    private static IReadOnlyList<short> PhotonChannelsOf(PtuHeader header, PtuRecordType type, MeasurementMode mode)
    {
        if (PtuRecordTypes.FamilyOf(type) == PtuRecordFamily.PicoHarp)
            return mode == MeasurementMode.T2 ? [0, 1] : [1];
        long inputs = Math.Clamp((header.GetInt64("HW_InpChannels") ?? 2) - 1, 1, 64);
        short first = mode == MeasurementMode.T2 ? (short)1 : (short)0;
        return Enumerable.Range(first, (int)inputs).Select(c => (short)c).ToArray();
    }

    private static TimeTagFormatException MissingTag(string path, PtuHeader header, string tag, string expected) =>
        new(path, header.Find(tag)?.ValueOffset ?? header.DataOffset, $"PTU tag {tag} is missing or invalid: expected {expected}");
}
