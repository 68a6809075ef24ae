package io.kit4j.metrics.prometheus;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantiles;
import java.io.IOException;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * JVM and process metrics read from the JDK's management beans at scrape time, under the names the
 * Prometheus Java client's JVM instrumentation uses, so that its usual dashboards work:
 *
 * <ul>
 *   <li>{@code jvm_memory_used_bytes}, {@code _committed_bytes}, {@code _max_bytes}, {@code _init_bytes}
 *       by {@code area} (heap, nonheap); {@code jvm_memory_pool_used_bytes}, {@code _committed_bytes},
 *       {@code _max_bytes} by {@code pool};</li>
 *   <li>{@code jvm_threads_current}, {@code _daemon}, {@code _peak}, {@code jvm_threads_started_total};</li>
 *   <li>{@code jvm_classes_currently_loaded}, {@code jvm_classes_loaded_total},
 *       {@code jvm_classes_unloaded_total};</li>
 *   <li>{@code jvm_gc_collection_seconds} (count and sum) by {@code gc};</li>
 *   <li>{@code jvm_runtime_info} with {@code runtime}, {@code vendor}, {@code version};</li>
 *   <li>{@code process_cpu_seconds_total}, {@code process_start_time_seconds}, and where the platform
 *       tells, {@code process_open_fds}, {@code process_max_fds}, {@code process_resident_memory_bytes},
 *       {@code process_virtual_memory_bytes} (Linux {@code /proc/self/status}).</li>
 * </ul>
 *
 * <p>kit4j writes these itself because {@code prometheus-metrics-instrumentation-jvm} 1.8.0 does not
 * resolve from the Maven mirror this project builds against. The set is smaller (no buffer pools, no
 * allocation or safepoint metrics).
 */
public final class JvmMetrics {
    private JvmMetrics() {
    }

    /**
     * Registers the JVM and process metrics in {@code registry}.
     *
     * @throws IllegalArgumentException if they, or metrics of the same names, are already registered there
     */
    public static void register(PrometheusRegistry registry) {
        memory(registry);
        threads(registry);
        classes(registry);
        gc(registry);
        runtime(registry);
        process(registry);
    }

    private static void memory(PrometheusRegistry registry) {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        areaGauge(registry, "jvm_memory_used_bytes", "Used bytes of a JVM memory area.", mem, MemoryUsage::getUsed);
        areaGauge(registry, "jvm_memory_committed_bytes", "Committed bytes of a JVM memory area.", mem, MemoryUsage::getCommitted);
        areaGauge(registry, "jvm_memory_max_bytes", "Max bytes of a JVM memory area (-1 if undefined).", mem, MemoryUsage::getMax);
        areaGauge(registry, "jvm_memory_init_bytes", "Initial bytes of a JVM memory area.", mem, MemoryUsage::getInit);
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        poolGauge(registry, "jvm_memory_pool_used_bytes", "Used bytes of a JVM memory pool.", pools, MemoryUsage::getUsed);
        poolGauge(registry, "jvm_memory_pool_committed_bytes", "Committed bytes of a JVM memory pool.", pools,
                MemoryUsage::getCommitted);
        poolGauge(registry, "jvm_memory_pool_max_bytes", "Max bytes of a JVM memory pool (-1 if undefined).", pools,
                MemoryUsage::getMax);
    }

    private static void areaGauge(PrometheusRegistry registry, String name, String help, MemoryMXBean mem,
            ToLongFunction<MemoryUsage> f) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("area").callback(cb -> {
            cb.call(f.applyAsLong(mem.getHeapMemoryUsage()), "heap");
            cb.call(f.applyAsLong(mem.getNonHeapMemoryUsage()), "nonheap");
        }).register(registry);
    }

    private static void poolGauge(PrometheusRegistry registry, String name, String help, List<MemoryPoolMXBean> pools,
            ToLongFunction<MemoryUsage> f) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("pool").callback(cb -> {
            for (MemoryPoolMXBean pool : pools) {
                MemoryUsage u = pool.isValid() ? pool.getUsage() : null;
                if (u != null) {
                    cb.call(f.applyAsLong(u), pool.getName());
                }
            }
        }).register(registry);
    }

    private static void threads(PrometheusRegistry registry) {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        GaugeWithCallback.builder().name("jvm_threads_current").help("Current platform thread count of the JVM.")
                .callback(cb -> cb.call(t.getThreadCount())).register(registry);
        GaugeWithCallback.builder().name("jvm_threads_daemon").help("Daemon platform thread count of the JVM.")
                .callback(cb -> cb.call(t.getDaemonThreadCount())).register(registry);
        GaugeWithCallback.builder().name("jvm_threads_peak").help("Peak platform thread count of the JVM.")
                .callback(cb -> cb.call(t.getPeakThreadCount())).register(registry);
        CounterWithCallback.builder().name("jvm_threads_started_total").help("Platform threads started by the JVM.")
                .callback(cb -> cb.call(t.getTotalStartedThreadCount())).register(registry);
    }

    private static void classes(PrometheusRegistry registry) {
        ClassLoadingMXBean c = ManagementFactory.getClassLoadingMXBean();
        GaugeWithCallback.builder().name("jvm_classes_currently_loaded").help("Classes currently loaded in the JVM.")
                .callback(cb -> cb.call(c.getLoadedClassCount())).register(registry);
        CounterWithCallback.builder().name("jvm_classes_loaded_total").help("Classes loaded since the JVM started.")
                .callback(cb -> cb.call(c.getTotalLoadedClassCount())).register(registry);
        CounterWithCallback.builder().name("jvm_classes_unloaded_total").help("Classes unloaded since the JVM started.")
                .callback(cb -> cb.call(c.getUnloadedClassCount())).register(registry);
    }

    private static void gc(PrometheusRegistry registry) {
        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        SummaryWithCallback.builder().name("jvm_gc_collection_seconds")
                .help("Time spent in a JVM garbage collector, in seconds.").labelNames("gc").callback(cb -> {
                    for (GarbageCollectorMXBean gc : gcs) {
                        long count = gc.getCollectionCount();
                        long millis = gc.getCollectionTime();
                        if (count >= 0 && millis >= 0) {
                            cb.call(count, millis / 1000.0, Quantiles.EMPTY, gc.getName());
                        }
                    }
                }).register(registry);
    }

    private static void runtime(PrometheusRegistry registry) {
        RuntimeMXBean rt = ManagementFactory.getRuntimeMXBean();
        Info info = Info.builder().name("jvm_runtime_info").help("The JVM's runtime, vendor and version.")
                .labelNames("runtime", "vendor", "version").register(registry);
        info.setLabelValues(orUnknown(System.getProperty("java.runtime.name")),
                orUnknown(System.getProperty("java.vm.vendor")), orUnknown(System.getProperty("java.runtime.version")));
        GaugeWithCallback.builder().name("process_start_time_seconds")
                .help("Start time of the process since the Unix epoch, in seconds.")
                .callback(cb -> cb.call(rt.getStartTime() / 1000.0)).register(registry);
    }

    private static void process(PrometheusRegistry registry) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            CounterWithCallback.builder().name("process_cpu_seconds_total")
                    .help("User and system CPU time spent by the process, in seconds.")
                    .callback(cb -> cb.call(sun.getProcessCpuTime() / 1e9)).register(registry);
        }
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            GaugeWithCallback.builder().name("process_open_fds").help("Open file descriptors.")
                    .callback(cb -> cb.call(unix.getOpenFileDescriptorCount())).register(registry);
            GaugeWithCallback.builder().name("process_max_fds").help("Maximum number of open file descriptors.")
                    .callback(cb -> cb.call(unix.getMaxFileDescriptorCount())).register(registry);
        }
        Path status = Path.of("/proc/self/status");
        if (statusKilobytes(status, "VmRSS:") >= 0) {
            GaugeWithCallback.builder().name("process_resident_memory_bytes").help("Resident memory size in bytes.")
                    .callback(cb -> {
                        long kb = statusKilobytes(status, "VmRSS:");
                        if (kb >= 0) {
                            cb.call(kb * 1024.0);
                        }
                    }).register(registry);
            GaugeWithCallback.builder().name("process_virtual_memory_bytes").help("Virtual memory size in bytes.")
                    .callback(cb -> {
                        long kb = statusKilobytes(status, "VmSize:");
                        if (kb >= 0) {
                            cb.call(kb * 1024.0);
                        }
                    }).register(registry);
        }
    }

    /** The value of a {@code /proc/self/status} line such as {@code VmRSS:   123456 kB}, or -1. */
    static long statusKilobytes(Path status, String key) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static String orUnknown(String s) {
        return s == null ? "unknown" : s;
    }
}
