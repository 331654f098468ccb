package org.sunshine.system;

import java.net.InetAddress;
import java.net.URI;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The base of every link Sunshine puts in a message: {@code sunshine.public-url} when set, otherwise the
 * address and port this server really listens on (known only once the web server has started, which matters
 * with {@code --server.port=…} or a random port). Behind a proxy the setting must be given, since only the
 * proxy knows the address residents reach.
 */
public class PublicUrl {

	private final URI configured;

	private final Environment environment;

	private volatile Integer runningPort;

	/** @param configured {@code sunshine.public-url}, or null to follow the running server */
	public PublicUrl(URI configured, Environment environment) {
		this.configured = configured == null || configured.toString().isBlank() ? null : configured;
		this.environment = environment;
	}

	@EventListener
	void on(WebServerInitializedEvent event) {
		// A separate management server (management.server.port) has a namespace; links go to the main one.
		if (event.getApplicationContext().getServerNamespace() == null) {
			runningPort = event.getWebServer().getPort();
		}
	}

	/** The base URL without a trailing slash, ready for paths such as "/s/{token}" to be appended. */
	public String base() {
		if (configured != null) {
			return configured.toString().replaceAll("/+$", "");
		}
		boolean tls = environment.getProperty("server.ssl.enabled", Boolean.class, false)
				|| environment.containsProperty("server.ssl.bundle");
		String contextPath = environment.getProperty("server.servlet.context-path", "").replaceAll("/+$", "");
		return (tls ? "https" : "http") + "://" + host() + ":" + port() + contextPath;
	}

	/** Whether links follow the running server rather than a configured address. */
	public boolean derived() {
		return configured == null;
	}

	private int port() {
		Integer port = runningPort;
		return port != null && port > 0 ? port : environment.getProperty("server.port", Integer.class, 8080);
	}

	private String host() {
		String address = environment.getProperty("server.address");
		if (!StringUtils.hasText(address)) {
			return "localhost";
		}
		try {
			InetAddress bound = InetAddress.getByName(address);
			if (bound.isAnyLocalAddress() || bound.isLoopbackAddress()) {
				return "localhost";
			}
		}
		catch (Exception e) {
			return address;
		}
		return address.contains(":") ? "[" + address + "]" : address;
	}

}
