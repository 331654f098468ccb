package org.sunshine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time of this machine's PostgreSQL processes, read from /proc (Linux): what the database spent on a
 * broadcast, which Sunshine's own process CPU does not count. 0 where /proc is not readable.
 */
final class PostgresCpu {

	/** Linux reports process times in clock ticks of 1/100 s (USER_HZ, 100 on every mainstream architecture). */
	private static final double TICKS_PER_SECOND = 100;

	private PostgresCpu() {
	}

	/** User and system time of every process named postgres, in clock ticks. */
	static long ticks() {
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			return processes.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
				.mapToLong(PostgresCpu::ticksIfPostgres).sum();
		}
		catch (IOException | RuntimeException e) {
			return 0;
		}
	}

	static double seconds(long ticks) {
		return ticks / TICKS_PER_SECOND;
	}

	private static long ticksIfPostgres(Path process) {
		try {
			String stat = Files.readString(process.resolve("stat"));
			// pid (comm) state ppid ... utime is field 14 and stime field 15; comm may hold spaces, so split after ")".
			int close = stat.lastIndexOf(')');
			if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
				return 0;
			}
			String[] fields = stat.substring(close + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException e) {
			return 0; // The process ended meanwhile.
		}
	}

}
