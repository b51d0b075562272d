package com.versionforge.token.query.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time spent so far by this JVM and by the embedded PostgreSQL (its postmaster, the postmaster's children alive,
 * and those it has reaped), read from {@code /proc}, so that a benchmark can say which of the two a rebuild keeps
 * busy. Linux only; times in {@code /proc/<pid>/stat} are in ticks of 1/100 s (USER_HZ on every Linux architecture
 * the build runs on).
 */
record CpuTime(double jvmSeconds, double postgresSeconds) {

    private static final double TICKS_PER_SECOND = 100;

    static CpuTime now(long postmasterPid) {
        OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        return new CpuTime(os.getProcessCpuTime() / 1e9, postgresTicks(postmasterPid) / TICKS_PER_SECOND);
    }

    CpuTime since(CpuTime start) {
        return new CpuTime(jvmSeconds - start.jvmSeconds, postgresSeconds - start.postgresSeconds);
    }

    /** The postmaster's own time and its reaped children's, plus the time of every child still running. */
    private static long postgresTicks(long postmasterPid) {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes
                    .filter(path -> path.getFileName().toString().matches("\\d+"))
                    .toList()) {
                List<String> stat = stat(process);
                if (stat.isEmpty()) {
                    continue; // gone meanwhile
                }
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid == postmasterPid) {
                    ticks += field(stat, 14) + field(stat, 15) + field(stat, 16) + field(stat, 17);
                } else if (field(stat, 4) == postmasterPid) {
                    ticks += field(stat, 14) + field(stat, 15);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not read /proc", e);
        }
        return ticks;
    }

    /** The fields of /proc/<pid>/stat from the state on (field 3), after the command name, which may hold spaces. */
    private static List<String> stat(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            return List.of(line.substring(line.lastIndexOf(')') + 2).split(" "));
        } catch (IOException gone) {
            return List.of();
        }
    }

    /** Field {@code number} as proc(5) numbers them, 1 being the pid. */
    private static long field(List<String> fromState, int number) {
        return Long.parseLong(fromState.get(number - 3));
    }
}
