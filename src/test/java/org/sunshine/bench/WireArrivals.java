package org.sunshine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.awaitility.Awaitility;

/**
 * When each text reached the Twilio stand-in on the wire: the kernel's timestamps of the packets that begin its
 * requests ({@code POST /2010-04-01/...}), captured by tcpdump on the loopback. WireMock's own log stamps a request
 * when one of its threads takes it up: in this benchmark's runs up to 14 ms after its packet came, with the
 * machine's two cores 90 % idle, and once after a collection of its own of 9 ms. Between two texts that leave
 * their 1 % margin apart that is enough to put eleven into one logged second that never held eleven on the wire.
 */
final class WireArrivals {

	private final Process tcpdump;

	private final Path packets;

	private final Path messages;

	private WireArrivals(Process tcpdump, Path packets, Path messages) {
		this.tcpdump = tcpdump;
		this.packets = packets;
		this.messages = messages;
	}

	/**
	 * Starts capturing the requests that begin a POST to the stand-in's API, or says why it cannot (tcpdump missing,
	 * or not allowed to capture: it needs root or CAP_NET_RAW).
	 */
	static Capture start(int port) throws IOException {
		Path packets = Files.createTempFile("sunshine-bench-wire", ".txt");
		Path messages = Files.createTempFile("sunshine-bench-tcpdump", ".txt");
		// The TCP payload's first 8 bytes, "POST /20": every Messages request starts a packet of its own this way.
		String filter = "tcp dst port " + port + " and tcp[((tcp[12:1] & 0xf0) >> 2):4] = 0x504f5354"
				+ " and tcp[((tcp[12:1] & 0xf0) >> 2) + 4:4] = 0x202f3230";
		Process tcpdump;
		try {
			tcpdump = new ProcessBuilder("tcpdump", "-i", "lo", "-n", "-tt", "-l", "-U", filter)
				.redirectOutput(packets.toFile())
				.redirectError(messages.toFile())
				.start();
		}
		catch (IOException notInstalled) {
			Files.delete(packets);
			Files.delete(messages);
			return new Capture(Optional.empty(), "tcpdump not found: " + notInstalled.getMessage());
		}
		WireArrivals wire = new WireArrivals(tcpdump, packets, messages);
		Awaitility.await("tcpdump listens on the loopback").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> !tcpdump.isAlive() || wire.said().contains("listening on"));
		if (!tcpdump.isAlive()) {
			String said = wire.said().strip();
			wire.stop();
			return new Capture(Optional.empty(), "tcpdump cannot capture: " + said);
		}
		return new Capture(Optional.of(wire), null);
	}

	/** @param reason why there is no capture, when there is none */
	record Capture(Optional<WireArrivals> wire, String reason) {
	}

	/** Stops the capture: each request's arrival, in microseconds since the epoch, in order. */
	List<Long> stop() throws IOException {
		this.tcpdump.destroy();
		try {
			this.tcpdump.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while tcpdump wrote its last packets", ex);
		}
		try {
			// "1796328583.448816 IP 127.0.0.1.50170 > 127.0.0.1.36371: Flags [P.], ... length 810"
			return Files.readAllLines(this.packets)
				.stream()
				.filter(line -> !line.isBlank() && Character.isDigit(line.charAt(0)))
				.map(line -> line.substring(0, line.indexOf(' ')).replace(".", ""))
				.map(Long::parseLong)
				.sorted()
				.toList();
		}
		finally {
			Files.deleteIfExists(this.packets);
			Files.deleteIfExists(this.messages);
		}
	}

	private String said() throws IOException {
		return Files.readString(this.messages);
	}

}
