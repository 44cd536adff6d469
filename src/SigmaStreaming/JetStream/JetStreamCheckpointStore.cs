using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using NATS.Client.Core;
using NATS.Client.KeyValueStore;
using SigmaCompile.Streaming.Transport;

namespace SigmaCompile.Streaming.JetStream;

/// <summary>Checkpoints in a JetStream key-value bucket, one key per partition, replaced only at the revision last seen.</summary>
internal sealed class JetStreamCheckpointStore : ICheckpointStore
{
    private readonly INatsKVContext _kv;
    private readonly string _bucket;
    private INatsKVStore? _store;

    public JetStreamCheckpointStore(INatsKVContext kv, string bucket)
    {
        _kv = kv;
        _bucket = bucket;
    }

    public async ValueTask EnsureBucketAsync(CancellationToken cancellationToken) =>
        _store = await _kv.CreateOrUpdateStoreAsync(new NatsKVConfig(_bucket) { History = 1, Storage = NatsKVStorageType.File }, cancellationToken).ConfigureAwait(false);

    private async ValueTask<INatsKVStore> StoreAsync(CancellationToken cancellationToken)
    {
        if (_store is null)
            await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        return _store!;
    }

    private static string Key(int partition) => "partition-" + partition.ToString(CultureInfo.InvariantCulture);

    public async ValueTask<StoredCheckpoint?> LoadAsync(int partition, CancellationToken cancellationToken)
    {
        INatsKVStore store = await StoreAsync(cancellationToken).ConfigureAwait(false);
        NatsResult<NatsKVEntry<byte[]>> result = await store.TryGetEntryAsync<byte[]>(Key(partition), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Success)
        {
            if (result.Error is NatsKVKeyNotFoundException or NatsKVKeyDeletedException)
                return null;
            throw result.Error;
        }
        return new StoredCheckpoint(result.Value.Value ?? Array.Empty<byte>(), result.Value.Revision);
    }

    public async ValueTask<ulong> SaveAsync(int partition, ReadOnlyMemory<byte> data, ulong expectedVersion, CancellationToken cancellationToken)
    {
        INatsKVStore store = await StoreAsync(cancellationToken).ConfigureAwait(false);
        byte[] value = data.ToArray();
        NatsResult<ulong> result = expectedVersion == 0
            ? await store.TryCreateAsync(Key(partition), value, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await store.TryUpdateAsync(Key(partition), value, expectedVersion, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.Success)
            return result.Value;
        if (result.Error is NatsKVWrongLastRevisionException or NatsKVCreateException)
            throw new CheckpointConflictException($"partition {partition}'s checkpoint was saved by another worker", result.Error);
        throw result.Error;
    }
}
