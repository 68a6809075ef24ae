package io.kit4j.metrics.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmMetricsTest {
    @Test
    void exposesMemoryThreadsClassesGcRuntimeAndProcess() throws Exception {
        PrometheusMetrics metrics = PrometheusMetrics.create().registerJvmMetrics();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
        Exposition e = Exposition.parse(out.toString(StandardCharsets.UTF_8));
        assertTrue(e.value("jvm_memory_used_bytes", "area", "heap") > 0);
        assertTrue(e.value("jvm_memory_committed_bytes", "area", "nonheap") > 0);
        assertFalse(e.named("jvm_memory_pool_used_bytes").isEmpty());
        assertTrue(e.value("jvm_threads_current") >= 1);
        assertTrue(e.value("jvm_classes_loaded_total") > 100);
        assertFalse(e.named("jvm_gc_collection_seconds_count").isEmpty());
        assertEquals("summary", e.types.get("jvm_gc_collection_seconds"));
        assertEquals(1.0, e.named("jvm_runtime_info").get(0).value());
        assertEquals(System.getProperty("java.runtime.version"), e.named("jvm_runtime_info").get(0).labels().get("version"));
        assertTrue(e.value("process_start_time_seconds") > 1.6e9);
        assertTrue(e.value("process_cpu_seconds_total") > 0);
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertTrue(e.value("process_resident_memory_bytes") > 1 << 20);
            assertTrue(e.value("process_open_fds") > 0);
        }
    }

    @Test
    void registeringTwiceInOneRegistryIsRefused() {
        PrometheusMetrics metrics = PrometheusMetrics.create().registerJvmMetrics();
        assertThrows(IllegalArgumentException.class, metrics::registerJvmMetrics);
    }

    @Test
    void readsProcStatusKilobytes(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmSize:\t 9000 kB\nVmRSS:\t  1234 kB\n");
        assertEquals(1234, JvmMetrics.statusKilobytes(status, "VmRSS:"));
        assertEquals(9000, JvmMetrics.statusKilobytes(status, "VmSize:"));
        assertEquals(-1, JvmMetrics.statusKilobytes(status, "VmSwap:"));
        assertEquals(-1, JvmMetrics.statusKilobytes(dir.resolve("missing"), "VmRSS:"));
    }
}
