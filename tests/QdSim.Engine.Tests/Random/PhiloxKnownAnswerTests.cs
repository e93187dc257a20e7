using QdSim.Engine.Random;

namespace QdSim.Engine.Tests.Random;

public class PhiloxKnownAnswerTests
{
    [Fact]
    public void Philox4x32_10_matches_Random123_known_answer_for_zero_counter_and_key()
    {
        // Random123 kat_vectors: philox4x32 10 rounds, ctr = 0, key = 0.
        var (x0, x1, x2, x3) = Philox4x32.Block(0, 0, 0, 0, 0, 0);
        Assert.Equal((0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u), (x0, x1, x2, x3));
    }

    [Fact]
    public void Philox4x32_10_matches_Random123_known_answer_for_pi_digits()
    {
        // Random123 kat_vectors: philox4x32 10 rounds, ctr = 243f6a88 85a308d3 13198a2e 03707344, key = a4093822 299f31d0.
        var (x0, x1, x2, x3) = Philox4x32.Block(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0);
        Assert.Equal((0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u), (x0, x1, x2, x3));
    }
}
