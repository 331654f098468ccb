package org.sunshine.feed;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.sunshine.feed.detect.DetectionException;
import org.sunshine.feed.detect.FeedDetector;
import org.sunshine.feed.fetch.HttpFetcher;

/**
 * {@code sunshine feeds detect URL}: proposes the {@code config/feeds.yml} entry for a city's agenda page. It runs
 * before and instead of the application (no web server, scheduler or database), prints the entry on stdout and
 * returns 0, or prints one line on stderr and returns 2.
 */
public final class FeedsCommand {

	public static final int OK = 0;

	public static final int FAILED = 2;

	private static final String USAGE = "usage: java -jar sunshine.jar feeds detect URL";

	private final FeedDetector detector;

	public FeedsCommand(FeedDetector detector) {
		this.detector = detector;
	}

	/** The command with the fetcher the polls use, at the default settings (no configuration is read). */
	public static FeedsCommand withDefaultFetcher() {
		FeedProperties.Polling polling = new Binder(new MapConfigurationPropertySource())
			.bindOrCreate("sunshine", FeedProperties.class).feed();
		return new FeedsCommand(new FeedDetector(new HttpFetcher(polling.connectTimeout(), polling.timeout(),
				polling.maxBodySize().toBytes(), polling.userAgent())));
	}

	/** Whether the command line asks for this command rather than for the application. */
	public static boolean handles(String[] args) {
		return args.length >= 1 && args[0].equals("feeds");
	}

	public int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length != 3 || !args[1].equals("detect")) {
			err.println(USAGE);
			return FAILED;
		}
		try {
			out.print(detector.detect(new URI(args[2].strip())).toYaml());
			out.flush();
			return OK;
		}
		catch (URISyntaxException ex) {
			err.println("not a valid URL: " + ex.getReason());
			return FAILED;
		}
		catch (DetectionException ex) {
			err.println(ex.getMessage());
			return FAILED;
		}
	}

}
