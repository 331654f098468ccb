package org.sunshine.bench;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.sunshine.SunshineApplication;

/**
 * Benchmark, not a test (surefire runs only *Tests / *Test): posts a generated CSV of a million rows to
 * {@code /api/admin/subscribers/import} of a Sunshine running on the PostgreSQL {@code test} database, in a
 * schema of its own that is dropped afterwards, and prints rows per second and the heap used. The CSV is made
 * while it is sent, so neither side ever holds it whole. Run with a small heap to show memory stays flat:
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -Xmx256m -cp target/classes:target/test-classes:$(cat target/test-classpath.txt) \
 *     org.sunshine.bench.SubscriberImportBenchmark [rows [--setting=value ...]]
 * </pre>
 */
public final class SubscriberImportBenchmark {

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	public static void main(String[] args) throws Exception {
		int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		String schema = "sunshine_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		// As command-line arguments, which outrank the postgres profile's own datasource.
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SunshineApplication.class).profiles("postgres")
			.run(Stream.concat(Stream.of("--spring.datasource.url=" + URL + "?currentSchema=" + schema,
					"--spring.datasource.username=postgres", "--spring.flyway.schemas=" + schema,
					"--spring.flyway.default-schema=" + schema, "--spring.quartz.auto-startup=false", "--server.port=0",
					"--sunshine.admin.password=bench", "--sunshine.feeds-file=target/no-feeds.yml",
					"--sunshine.outbox-dir=target/bench-outbox", "--sunshine.demo=false"), Arrays.stream(args).skip(1)).toArray(String[]::new));
		try {
			int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			HeapPeak heap = HeapPeak.watch();
			long started = System.nanoTime();
			HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + port + "/api/admin/subscribers/import"))
				.header("Content-Type", "text/csv")
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:bench".getBytes()))
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedCsv(rows))).build(),
					HttpResponse.BodyHandlers.ofString());
			double seconds = (System.nanoTime() - started) / 1e9;
			heap.stopSampling();
			System.out.printf("HTTP %d %s%n", response.statusCode(),
					response.body().length() > 300 ? response.body().substring(0, 300) + "..." : response.body());
			System.out.printf("%,d rows in %.1f s: %,.0f rows/s%n", rows, seconds, rows / seconds);
			System.out.printf("heap: peak used %,d MB of max %,d MB (server and client in this JVM)%n",
					heap.peak() >> 20, Runtime.getRuntime().maxMemory() >> 20);
		}
		finally {
			app.close();
			try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("drop schema if exists " + schema + " cascade");
			}
		}
	}

	/** Rows made on demand: half with email and phone, a quarter email only, a quarter phone only. */
	static final class GeneratedCsv extends InputStream {

		private static final String[] LANGUAGES = { "en", "es", "ht" };

		private static final String[] INTERESTS = { "287(g);immigration", "stormwater;\"storm water\";drainage",
				"budget;police;\"task force\"", "housing" };

		private final int rows;

		private int next = -1;

		private byte[] buffer = new byte[0];

		private int position;

		GeneratedCsv(int rows) {
			this.rows = rows;
		}

		@Override
		public int read() {
			if (!fill()) {
				return -1;
			}
			return buffer[position++] & 0xff;
		}

		@Override
		public int read(byte[] target, int offset, int length) {
			if (length == 0) {
				return 0;
			}
			if (!fill()) {
				return -1;
			}
			int n = Math.min(length, buffer.length - position);
			System.arraycopy(buffer, position, target, offset, n);
			position += n;
			return n;
		}

		private boolean fill() {
			if (position < buffer.length) {
				return true;
			}
			if (next >= rows) {
				return false;
			}
			String line = next < 0 ? "email,phone,language,interests,consent_at,consent_source\n" : row(next);
			next++;
			buffer = line.getBytes(StandardCharsets.UTF_8);
			position = 0;
			return true;
		}

		private static String row(int i) {
			String email = i % 4 == 3 ? "" : "person." + i + "@example.org";
			String phone = i % 4 == 2 ? "" : "+1305" + (2_000_000 + i);
			String interests = INTERESTS[i % INTERESTS.length];
			return email + "," + phone + "," + LANGUAGES[i % 3] + ",\"" + interests.replace("\"", "\"\"") + "\","
					+ "2024-03-01T09:30:00-05:00,Previous alert service export\n";
		}

	}

	/** The highest heap use seen, sampled every 20 ms. */
	static final class HeapPeak extends Thread {

		private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

		private final AtomicLong peak = new AtomicLong();

		private volatile boolean running = true;

		static HeapPeak watch() {
			HeapPeak heap = new HeapPeak();
			heap.setDaemon(true);
			heap.start();
			return heap;
		}

		@Override
		public void run() {
			while (running) {
				peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException e) {
					return;
				}
			}
		}

		long peak() {
			return peak.get();
		}

		void stopSampling() {
			running = false;
		}

	}

}
