package org.sunshine.notification.channel.email;

import java.util.function.Supplier;

import org.springframework.util.ClassUtils;

/**
 * Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader scan of the class path for every
 * Multipart, BodyPart and encoder it creates (jakartaee/mail-api#699 and #861): profiled here, that was
 * nine tenths of the CPU time to build and write an alert. The system property Jakarta Mail reads first
 * names the implementation the scan finds anyway, Angus Mail's, which turns each lookup into a
 * Class.forName. Jakarta Mail resolves that name in the thread's context class loader, and fails rather
 * than falls back if it cannot, so mail is built and sent here with this module's loader as context loader.
 */
final class StreamProviderShortcut {

	private static final String PROPERTY = "jakarta.mail.util.StreamProvider";

	private static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

	private static final ClassLoader LOADER = StreamProviderShortcut.class.getClassLoader();

	static {
		if (System.getProperty(PROPERTY) == null && ClassUtils.isPresent(ANGUS, LOADER)) {
			System.setProperty(PROPERTY, ANGUS);
		}
	}

	private StreamProviderShortcut() {
	}

	/** Runs mail code with the context class loader that can resolve the named provider. */
	static <T> T run(Supplier<T> work) {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(LOADER);
		try {
			return work.get();
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

}
