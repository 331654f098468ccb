package org.sunshine;

import java.util.stream.Collectors;

import org.springframework.boot.test.system.CapturedOutput;

/**
 * What Sunshine itself wrote to the log during a test, for checks that no personal data reaches it. The captured
 * output also holds the lines of the test's stand-ins for the world: GreenMail, the test's mail server, logs each
 * address it creates a mailbox for, at a moment that depends on when a message arrives.
 */
public final class SunshineLog {

	private SunshineLog() {
	}

	public static String of(CapturedOutput output) {
		return output.getAll().lines().filter(line -> !line.contains("c.icegreen.greenmail"))
			.collect(Collectors.joining("\n"));
	}

}
