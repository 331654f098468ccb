package org.sunshine.feed.catalogue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feeds in force. Loaded at start-up (an invalid file stops the start, naming feed and field);
 * reloaded when the file changes, where an invalid edit is refused and the last good catalogue stays.
 */
public class FeedCatalogue {

	private static final Logger log = LoggerFactory.getLogger(FeedCatalogue.class);

	private final Path file;

	private final List<FeedDefinition> builtIn;

	private volatile List<FeedDefinition> feeds;

	private volatile String loadedText;

	private volatile String lastError;

	public FeedCatalogue(Path file) {
		this(file, List.of());
	}

	/** @param builtIn feeds that run beside the file's (the sample city), whatever the file says */
	public FeedCatalogue(Path file, List<FeedDefinition> builtIn) {
		this.file = file;
		this.builtIn = List.copyOf(builtIn);
		String text = read();
		this.feeds = withBuiltIn(text == null ? List.of() : FeedCatalogueParser.parse(text, file.toString()));
		this.loadedText = text;
		if (text == null) {
			log.warn("Feed catalogue {} not found: no feeds will be polled until it exists", file);
		}
		else {
			log.info("Feed catalogue {}: {} feed(s) {}", file, feeds.size(), feeds.stream().map(FeedDefinition::id).toList());
		}
	}

	public List<FeedDefinition> feeds() {
		return feeds;
	}

	public Optional<FeedDefinition> find(String id) {
		return feeds.stream().filter(feed -> feed.id().equals(id)).findFirst();
	}

	/** Why the last edit was refused, or null when the file in force is the file on disk. */
	public String lastError() {
		return lastError;
	}

	/**
	 * Re-reads the file if its content changed.
	 * @return true when a new catalogue is now in force
	 */
	public synchronized boolean reloadIfChanged() {
		String text = read();
		if (text == null || text.equals(loadedText)) {
			return false;
		}
		try {
			List<FeedDefinition> parsed = withBuiltIn(FeedCatalogueParser.parse(text, file.toString()));
			feeds = parsed;
			lastError = null;
			log.info("Feed catalogue {} reloaded: {} feed(s) {}", file, parsed.size(),
					parsed.stream().map(FeedDefinition::id).toList());
			return true;
		}
		catch (InvalidFeedCatalogueException e) {
			lastError = e.getMessage();
			log.error("Refused the edit of {}; the last good catalogue keeps running. {}", file, e.getMessage());
			return false;
		}
		finally {
			loadedText = text;
		}
	}

	private List<FeedDefinition> withBuiltIn(List<FeedDefinition> parsed) {
		if (builtIn.isEmpty()) {
			return parsed;
		}
		List<FeedDefinition> all = new java.util.ArrayList<>(builtIn);
		parsed.stream().filter(feed -> builtIn.stream().noneMatch(own -> own.id().equals(feed.id()))).forEach(all::add);
		return List.copyOf(all);
	}

	private String read() {
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
		}
		catch (IOException e) {
			log.warn("Could not read feed catalogue {}: {}", file, e.getMessage());
			return null;
		}
	}

}
