namespace Personalize.Sdk.Redis.WriteBehind;

/// <summary>What the host's lifecycle needs of every write-behind buffer, whatever it holds.</summary>
internal interface IWriteBehindBuffer
{
    /// <summary>The buffer's name, its <c>buffer</c> tag on metrics.</summary>
    string Name { get; }

    /// <summary>Writes waiting to be sent.</summary>
    int Count { get; }

    /// <summary>Wakes the flusher now (the connection came back, say).</summary>
    void Wake();

    /// <summary>Stops taking writes and flushes what is buffered, waiting for the store if it must, until <see cref="RedisPersonalizationOptions.ShutdownFlushTimeout"/> or <paramref name="cancellationToken"/>.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
