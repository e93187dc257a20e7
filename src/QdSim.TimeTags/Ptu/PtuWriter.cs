using System.Globalization;
using System.Runtime.InteropServices;
using QdSim.TimeTags.IO;
using QdSim.TimeTags.Ptu.Records;

namespace QdSim.TimeTags.Ptu;

/// <summary>
/// Writes a PicoQuant PTU file that PicoQuant's software, phconvert, tttrlib and the PicoQuant demo readers open: the
/// header carries every tag those readers require (PHYSICS.md §10), records are encoded by one sealed encoder per
/// record family with overflow records inserted as needed, and on <see cref="Complete"/> the record count and
/// acquisition time are patched into the header and the temporary file renamed (<see cref="AtomicFile"/>).
/// </summary>
public sealed class PtuWriter : ITimeTagWriter
{
    private const int BufferRecords = 1 << 16;

    private readonly AtomicFile _file;
    private readonly PtuRecordEncoder _encoder;
    private readonly uint[] _buffer = new uint[BufferRecords];
    private readonly long _recordCountOffset;
    private readonly long _acquisitionTimeOffset;
    private readonly long _stopAfterOffset;
    private int _buffered;
    private long _recordsWritten;
    private bool _completed;

    /// <summary>Creates "<paramref name="path"/>.partial" and writes the header.</summary>
    /// <param name="path">Final file name.</param>
    /// <param name="info">Mode and resolutions. T2: <see cref="TimeTagStreamInfo.TickResolutionS"/> is the time-tag
    /// resolution. T3: events carry SyncIndex/MicroTimeBins (or TimeTicks in ps); needs an integer
    /// <see cref="TimeTagStreamInfo.SyncRateHz"/> (PTU stores it as Int8) and <see cref="TimeTagStreamInfo.MicroTimeResolutionS"/>.</param>
    /// <param name="options">Record type, creation time, GUID, comment.</param>
    public PtuWriter(string path, TimeTagStreamInfo info, PtuWriterOptions? options = null)
    {
        options ??= new PtuWriterOptions();
        RecordType = options.RecordType ?? PtuRecordTypes.Default(info.Mode);
        if (PtuRecordTypes.ModeOf(RecordType) != info.Mode)
            throw new ArgumentException($"Record type {RecordType} is not a {info.Mode} type.", nameof(options));
        WriterGuards.CheckTickResolution(info);
        if (!System.Text.RegularExpressions.Regex.IsMatch(options.CreatorVersion, @"^\d+(\.\d+){1,3}$"))
            throw new ArgumentException($"CreatorVersion \"{options.CreatorVersion}\" must be dotted numbers like 1.0.0.", nameof(options));

        T3Clock? clock = null;
        long syncRateHz = 0;
        double globalResolutionS = info.TickResolutionS;
        double resolutionS = info.TickResolutionS;
        if (info.Mode == MeasurementMode.T3)
        {
            double rate = info.SyncRateHz ?? throw new ArgumentException("T3 needs SyncRateHz.", nameof(info));
            if (!(rate >= 1) || rate != Math.Round(rate) || rate > int.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(info), rate, "T3 sync rate must be a whole number of Hz (PTU stores TTResult_SyncRate as an integer).");
            double microS = info.MicroTimeResolutionS ?? throw new ArgumentException("T3 needs MicroTimeResolutionS.", nameof(info));
            clock = new T3Clock(rate, microS);
            syncRateHz = (long)rate;
            globalResolutionS = 1.0 / rate;
            resolutionS = microS;
        }
        else if (info.SyncRateHz is { } t2Sync)
        {
            syncRateHz = (long)Math.Round(t2Sync);
        }
        _encoder = PtuRecordCodecs.CreateEncoder(RecordType, clock);

        _file = AtomicFile.Create(path);
        try
        {
            var header = new PtuHeaderWriter(_file.Stream);
            header.WriteString("File_GUID", (options.FileGuid ?? Guid.NewGuid()).ToString("B").ToUpperInvariant());
            header.WriteDateTime("File_CreatingTime", options.CreationTime ?? DateTime.UtcNow);
            if (options.Comment is not null)
                header.WriteString("File_Comment", options.Comment);
            header.WriteString("CreatorSW_Name", options.CreatorName);
            header.WriteString("CreatorSW_Version", options.CreatorVersion);
            header.WriteString("HW_Type", PtuRecordTypes.HardwareName(RecordType));
            header.WriteInt64("HW_InpChannels", Math.Max(2, info.PhotonChannels.Count + 1));
            header.WriteInt64("Measurement_Mode", (long)info.Mode);
            header.WriteInt64("Measurement_SubMode", 0);
            header.WriteInt64("TTResultFormat_TTTRRecType", (long)RecordType);
            header.WriteInt64("TTResultFormat_BitsPerRecord", 32);
            header.WriteInt64("MeasDesc_BinningFactor", 1);
            header.WriteInt64("MeasDesc_Offset", 0);
            header.WriteInt64("MeasDesc_AcquisitionTime", 0);
            header.WriteFloat("MeasDesc_GlobalResolution", globalResolutionS);
            header.WriteFloat("MeasDesc_Resolution", resolutionS);
            header.WriteInt64("TTResult_SyncRate", syncRateHz);
            header.WriteInt64("TTResult_StopAfter", 0);
            header.WriteInt64("TTResult_StopReason", 0);
            header.WriteInt64("TTResult_NumberOfRecords", 0);
            header.WriteString("QdSim_Channels", string.Join(",", info.PhotonChannels.Select(c => c.ToString(CultureInfo.InvariantCulture))));
            header.WriteEnd();
            _recordCountOffset = header.ValueOffsetOf("TTResult_NumberOfRecords");
            _acquisitionTimeOffset = header.ValueOffsetOf("MeasDesc_AcquisitionTime");
            _stopAfterOffset = header.ValueOffsetOf("TTResult_StopAfter");
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    /// <summary>Record type being written.</summary>
    public PtuRecordType RecordType { get; }

    /// <summary>Records written so far (overflow records included).</summary>
    public long RecordsWritten => _recordsWritten + _buffered;

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<TimeTagEvent> events)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        while (!events.IsEmpty)
        {
            _buffered += _encoder.Encode(events, _buffer.AsSpan(_buffered), out int consumed);
            events = events[consumed..];
            if (_buffered == _buffer.Length)
                FlushRecords();
        }
    }

    /// <inheritdoc/>
    public void Complete(double acquisitionTimeS)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        WriterGuards.CheckAcquisitionTime(acquisitionTimeS);
        FlushRecords();
        long acquisitionMs = (long)Math.Round(acquisitionTimeS * 1000);
        PtuHeaderWriter.PatchInt64(_file.Stream, _recordCountOffset, _recordsWritten);
        PtuHeaderWriter.PatchInt64(_file.Stream, _acquisitionTimeOffset, acquisitionMs);
        PtuHeaderWriter.PatchInt64(_file.Stream, _stopAfterOffset, acquisitionMs);
        _file.Commit();
        _completed = true;
    }

    /// <summary>Without <see cref="Complete"/>, deletes the temporary file.</summary>
    public void Dispose()
    {
        _completed = true;
        _file.Dispose();
    }

    private void FlushRecords()
    {
        _file.Stream.Write(MemoryMarshal.AsBytes(_buffer.AsSpan(0, _buffered)));
        _recordsWritten += _buffered;
        _buffered = 0;
    }
}
