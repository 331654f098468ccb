package org.sunshine.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.sunshine.notification.channel.ChannelProperties;
import org.sunshine.notification.channel.OutgoingEmail;
import org.sunshine.notification.channel.SendResult;
import org.sunshine.notification.channel.email.SmtpEmailSender;

/**
 * Sends alerts through {@link SmtpEmailSender} from several threads and prints messages per second. Not a
 * test (surefire runs *Test and *Tests only); point it at a sink such as Postfix's
 * {@code smtp-sink -u nobody -c 127.0.0.1:2525 256}:
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.sunshine.bench.SmtpThroughputProbe \
 *     2525 10000 8 4 100
 * /usr/sbin/smtp-source -s 8 -m 10000 -l 9000 127.0.0.1:2525   # Postfix's client into the same sink
 * </pre>
 *
 * Arguments: port, messages, threads, connections, messages per connection, characters of HTML (defaults
 * 2525 10000 8 4 100 6000: with the text part and the calendar file about 9 KB on the wire, a little more
 * than Angus Mail's 8 KiB write buffer, like an alert with several agenda items).
 */
public final class SmtpThroughputProbe {

	private SmtpThroughputProbe() {
	}

	public static void main(String[] args) throws Exception {
		int port = arg(args, 0, 2525);
		int messages = arg(args, 1, 10_000);
		int threads = arg(args, 2, 8);
		ChannelProperties.Mail settings = new ChannelProperties.Mail("Sunshine <alerts@sunshine.example.org>",
				arg(args, 3, 4), arg(args, 4, 100), Duration.ofSeconds(30));
		JavaMailSenderImpl server = new JavaMailSenderImpl();
		server.setHost("127.0.0.1");
		server.setPort(port);
		int html = arg(args, 5, 6000);
		try (SmtpEmailSender sender = new SmtpEmailSender(server, settings, Clock.systemUTC())) {
			run(sender, Math.min(messages, 500), threads, html); // warm-up: JIT, connections
			long start = System.nanoTime();
			int accepted = run(sender, messages, threads, html);
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf("%d of %d messages accepted in %.2f s with %d threads over %s: %.0f msgs/s%n", accepted,
					messages, seconds, threads, sender.describe(), accepted / seconds);
		}
	}

	private static int run(SmtpEmailSender sender, int messages, int threads, int html) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicInteger next = new AtomicInteger();
		AtomicInteger accepted = new AtomicInteger();
		List<Future<?>> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			workers.add(pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
					if (sender.send(alert(i, html)) instanceof SendResult.Accepted) {
						accepted.incrementAndGet();
					}
				}
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdown();
		return accepted.get();
	}

	/** Shaped like a real alert: text, HTML, List-Unsubscribe and a calendar file. */
	private static OutgoingEmail alert(int i, int html) {
		String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Sunshine//EN\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\n"
				+ "UID:key-west-2025-07-08@sunshine\r\nSEQUENCE:0\r\nDTSTAMP:20250701T120000Z\r\n"
				+ "DTSTART:20250708T210000Z\r\nSUMMARY:City Commission\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
		String item = "Item 4.2 Pier repairs: a resolution approving the contract for the repair of the pier. ";
		return new OutgoingEmail("probe:" + i, "resident" + i + "@example.org",
				"City Commission, Tue, Jul 8: Reunión sobre el muelle", item.repeat(16),
				"<p>" + item.repeat(html / item.length() + 1) + "</p>",
				Map.of("List-Unsubscribe", "<https://sunshine.example.org/s/tok" + i + "/unsubscribe>",
						"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
				List.of(new OutgoingEmail.Attachment("meeting.ics", "text/calendar; method=PUBLISH; charset=UTF-8",
						ics.getBytes(StandardCharsets.UTF_8))));
	}

	private static int arg(String[] args, int index, int fallback) {
		return args.length > index ? Integer.parseInt(args[index]) : fallback;
	}

}
