using System.Text;
using Personalize.Sdk.Holdouts;

namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>
/// MurmurHash3 x86_32 against published values; each was also reproduced with murmurhash 2.0.1 (npm).
/// </summary>
public sealed class MurmurHash3Tests
{
    [Theory]
    [InlineData("", 0u, 0x00000000u)]
    [InlineData("", 1u, 0x514E28B7u)]
    [InlineData("", 0xFFFFFFFFu, 0x81F16F39u)]
    [InlineData("aaaa", 0x9747B28Cu, 0x5A97808Au)]
    [InlineData("Hello, world!", 0x9747B28Cu, 0x24884CBAu)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x9747B28Cu, 0x2FA826CDu)]
    public void Matches_known_vectors(string ascii, uint seed, uint expected)
    {
        Assert.Equal(expected, MurmurHash3.Hash32(Encoding.ASCII.GetBytes(ascii), seed));
    }

    [Fact]
    public void Four_zero_bytes()
    {
        Assert.Equal(0x2362F9DEu, MurmurHash3.Hash32(new byte[4], 0));
    }

    [Fact]
    public void Passes_the_SMHasher_verification_test()
    {
        // SMHasher's VerificationTest: hash bytes 0..i-1 with seed 256-i for i in 0..255, then hash the 256
        // little-endian results with seed 0. SMHasher lists 0xB0F57EE3 for MurmurHash3_x86_32 ("Murmur3A").
        byte[] key = new byte[256];
        byte[] hashes = new byte[256 * 4];
        for (int i = 0; i < 256; i++)
        {
            key[i] = (byte)i;
            uint h = MurmurHash3.Hash32(key.AsSpan(0, i), (uint)(256 - i));
            BitConverter.TryWriteBytes(hashes.AsSpan(i * 4), h);
            if (!BitConverter.IsLittleEndian)
            {
                hashes.AsSpan(i * 4, 4).Reverse();
            }
        }

        Assert.Equal(0xB0F57EE3u, MurmurHash3.Hash32(hashes, 0));
    }

    [Fact]
    public void Agrees_with_the_naive_transcription_for_every_tail_length()
    {
        byte[] data = new byte[67];
        new Random(1234).NextBytes(data);
        for (int length = 0; length <= data.Length; length++)
        {
            byte[] slice = data[..length];
            Assert.Equal(ReferenceHashers.Murmur3(slice, 1), MurmurHash3.Hash32(slice, 1));
        }
    }
}
