package io.kit4j.sd.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.lease.LeaseTimeToLiveResponse;
import io.etcd.jetcd.options.LeaseOption;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads etcd directly with its own jetcd client, to check what kit4j wrote. */
final class Raw implements AutoCloseable {
    private final Client client;

    Raw(EtcdServer etcd) {
        client = Client.builder().endpoints("http://" + etcd.endpoint()).build();
    }

    /** The key-value at {@code key}, or null. */
    KeyValue get(String key) throws Exception {
        List<KeyValue> kvs = client.getKVClient().get(bytes(key)).get(10, TimeUnit.SECONDS).getKvs();
        return kvs.isEmpty() ? null : kvs.getFirst();
    }

    /** The value at {@code key}, or null. */
    String value(String key) throws Exception {
        KeyValue kv = get(key);
        return kv == null ? null : kv.getValue().toString(StandardCharsets.UTF_8);
    }

    /** The lease {@code id} as etcd reports it (TTL -1 when it does not exist). */
    LeaseTimeToLiveResponse lease(long id) throws Exception {
        return client.getLeaseClient().timeToLive(id, LeaseOption.DEFAULT).get(10, TimeUnit.SECONDS);
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
    }
}
