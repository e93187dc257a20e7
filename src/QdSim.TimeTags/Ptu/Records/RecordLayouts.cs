namespace QdSim.TimeTags.Ptu.Records;

/// <summary>What one record is. Photon, Marker and Sync share their values with <see cref="TimeTagKind"/>.</summary>
internal enum RecordClass : byte
{
    Photon = TimeTagKind.Photon,
    Marker = TimeTagKind.Marker,
    Sync = TimeTagKind.Sync,
    Overflow = 3,
    Invalid = 4,
}

/// <summary>
/// Bit layout of a T2 record family. Implemented by structs with static members, so the generic codecs
/// (<see cref="T2Decoder{TLayout}"/>, <see cref="T2Encoder{TLayout}"/>) are specialised per layout by the JIT: no
/// virtual call per record, and one loop body shared by every family.
/// </summary>
internal interface IT2Layout
{
    static abstract string Name { get; }

    /// <summary>Overflow period, ticks.</summary>
    static abstract long Period { get; }

    /// <summary>Most overflow periods one overflow record can carry.</summary>
    static abstract long MaxOverflowsPerRecord { get; }

    /// <summary>Splits a record: time within the period, event channel (numbered as in TimeTagEvent) or marker mask,
    /// overflow periods for an overflow record.</summary>
    static abstract RecordClass Classify(uint record, out uint time, out short channel, out long overflows);

    /// <summary>True for a photon record: the common case, which the decoder splits without <see cref="Classify"/>.</summary>
    static abstract bool IsPhoton(uint record);

    /// <summary>Time and channel of a record for which <see cref="IsPhoton"/> holds (as <see cref="Classify"/> gives them).</summary>
    static abstract void PhotonFields(uint record, out uint time, out short channel);

    static abstract uint OverflowRecord(long overflows);

    /// <summary>Record of an event <paramref name="time"/> ticks into the current period; false when not representable.</summary>
    static abstract bool TryEncode(in TimeTagEvent e, uint time, out uint record);

    /// <summary>What the layout can store, for error messages.</summary>
    static abstract string Limits { get; }
}

/// <summary>Bit layout of a T3 record family (see <see cref="IT2Layout"/> for why static members).</summary>
internal interface IT3Layout
{
    static abstract string Name { get; }

    /// <summary>Overflow period, syncs.</summary>
    static abstract long Period { get; }

    /// <summary>Largest micro time a record can carry, bins.</summary>
    static abstract int MaxMicroTime { get; }

    static abstract long MaxOverflowsPerRecord { get; }

    /// <summary>Splits a record: sync count within the period, micro time, channel or marker mask, overflow periods.</summary>
    static abstract RecordClass Classify(uint record, out uint nsync, out int microTime, out short channel, out long overflows);

    /// <summary>True for a photon record: the common case, which the decoder splits without <see cref="Classify"/>.</summary>
    static abstract bool IsPhoton(uint record);

    /// <summary>Fields of a record for which <see cref="IsPhoton"/> holds (as <see cref="Classify"/> gives them).</summary>
    static abstract void PhotonFields(uint record, out uint nsync, out int microTime, out short channel);

    static abstract uint OverflowRecord(long overflows);

    static abstract bool TryEncode(in TimeTagEvent e, uint nsync, int microTime, out uint record);

    static abstract string Limits { get; }
}
