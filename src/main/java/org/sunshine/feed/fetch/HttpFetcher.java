package org.sunshine.feed.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Fetcher} on the JDK HTTP client.
 * <p>
 * One deadline covers the whole exchange (connect, headers and body): a server that answers the headers and then
 * trickles the body must not hold a poller longer than {@code totalTimeout}. The body is read on a worker thread
 * with a size cap, and the caller waits only for what is left of the deadline. Messages and logs name host and
 * path only, never the query string, because some sources (Legistar) carry access tokens there.
 */
public class HttpFetcher implements Fetcher {

	private static final String ACCEPT = "application/json, application/rss+xml, application/atom+xml, text/calendar, "
			+ "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

	private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);

	private static final AtomicInteger THREADS = new AtomicInteger();

	/** Daemon threads that read bodies; idle ones die off, so nothing needs shutting down. */
	private static final ExecutorService BODY_READERS = Executors.newCachedThreadPool(task -> {
		Thread thread = new Thread(task, "feed-body-reader-" + THREADS.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient client;

	private final Duration totalTimeout;

	private final long maxBodyBytes;

	private final String userAgent;

	public HttpFetcher(Duration connectTimeout, Duration totalTimeout, long maxBodyBytes, String userAgent) {
		if (maxBodyBytes <= 0) {
			throw new IllegalArgumentException("maxBodyBytes must be positive");
		}
		this.totalTimeout = Objects.requireNonNull(totalTimeout, "totalTimeout");
		this.maxBodyBytes = maxBodyBytes;
		this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
		this.client = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
	}

	@Override
	public FetchResult fetch(URI uri, Validators previous) throws FetchException {
		return fetch(uri, previous, maxBodyBytes);
	}

	/** As {@link #fetch(URI, Validators)}, with a size cap of its own (documents have their own limit). */
	public FetchResult fetch(URI uri, Validators previous, long maxBodyBytes) throws FetchException {
		if (maxBodyBytes <= 0) {
			throw new IllegalArgumentException("maxBodyBytes must be positive");
		}
		Validators known = previous == null ? Validators.NONE : previous;
		String where = describe(uri);
		long deadline = System.nanoTime() + totalTimeout.toNanos();
		log.debug("GET {}", where);

		HttpResponse<InputStream> response = awaitHeaders(request(uri, known), where, deadline);
		int status = response.statusCode();
		if (status == 304) {
			close(response.body());
			return FetchResult.notModified(known);
		}
		if (status < 200 || status > 299) {
			close(response.body());
			throw new FetchException("HTTP " + status + " from " + where, status);
		}
		byte[] body = awaitBody(response, where, deadline, maxBodyBytes);
		String etag = response.headers().firstValue("ETag").orElse(known.etag());
		String lastModified = response.headers().firstValue("Last-Modified").orElse(known.lastModified());
		String contentType = response.headers().firstValue("Content-Type").orElse(null);
		return new FetchResult(false, body, contentType, new Validators(etag, lastModified));
	}

	private HttpRequest request(URI uri, Validators known) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().timeout(totalTimeout).header("User-Agent", userAgent)
			// Legistar answers XML to some clients unless JSON is asked for; feeds get their own types.
			.header("Accept", ACCEPT);
		if (known.etag() != null) {
			builder.header("If-None-Match", known.etag());
		}
		if (known.lastModified() != null) {
			builder.header("If-Modified-Since", known.lastModified());
		}
		return builder.build();
	}

	private HttpResponse<InputStream> awaitHeaders(HttpRequest request, String where, long deadline)
			throws FetchException {
		CompletableFuture<HttpResponse<InputStream>> pending = client.sendAsync(request, BodyHandlers.ofInputStream());
		try {
			return pending.get(remaining(deadline), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			pending.cancel(true);
			throw timedOut(where);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause() == null ? ex : ex.getCause();
			if (cause instanceof java.net.ConnectException || cause instanceof java.net.http.HttpConnectTimeoutException
					|| cause instanceof java.net.UnknownHostException) {
				// What an admin can act on: the machine cannot reach the host at all (offline, DNS, firewall).
				throw new FetchException("cannot reach " + request.uri().getHost() + ": offline?", cause);
			}
			throw new FetchException("GET " + where + " failed: " + cause.getClass().getSimpleName(), cause);
		}
		catch (InterruptedException ex) {
			pending.cancel(true);
			Thread.currentThread().interrupt();
			throw new FetchException("GET " + where + " interrupted", ex);
		}
	}

	private byte[] awaitBody(HttpResponse<InputStream> response, String where, long deadline, long maxBodyBytes)
			throws FetchException {
		long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
		InputStream in = response.body();
		if (declared > maxBodyBytes) {
			close(in);
			throw tooLarge(where, maxBodyBytes);
		}
		Future<byte[]> reading = BODY_READERS.submit(() -> readCapped(in, maxBodyBytes));
		try {
			byte[] body = reading.get(remaining(deadline), TimeUnit.NANOSECONDS);
			if (body.length > maxBodyBytes) {
				throw tooLarge(where, maxBodyBytes);
			}
			return body;
		}
		catch (TimeoutException ex) {
			throw timedOut(where);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause() == null ? ex : ex.getCause();
			throw new FetchException("reading the body of " + where + " failed: " + cause.getClass().getSimpleName(),
					cause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new FetchException("GET " + where + " interrupted", ex);
		}
		finally {
			// Closing cancels the exchange, which also releases a reader stuck waiting for bytes.
			close(in);
			reading.cancel(true);
		}
	}

	/** Reads at most one byte past the cap, so an oversized body is detected without buffering all of it. */
	private static byte[] readCapped(InputStream in, long maxBodyBytes) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		long limit = maxBodyBytes + 1;
		long total = 0;
		int n;
		while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) != -1) {
			out.write(buffer, 0, n);
			total += n;
		}
		return out.toByteArray();
	}

	private static long remaining(long deadline) {
		return Math.max(0, deadline - System.nanoTime());
	}

	private FetchException timedOut(String where) {
		return new FetchException("GET " + where + " did not complete within " + totalTimeout.toMillis() + " ms");
	}

	private static FetchException tooLarge(String where, long maxBodyBytes) {
		return new FetchException("response larger than " + maxBodyBytes + " bytes from " + where);
	}

	private static void close(InputStream in) {
		try {
			in.close();
		}
		catch (IOException ignored) {
			// Nothing more to release.
		}
	}

	/** Host and path of {@code uri}: safe for messages and logs, unlike the query string. */
	static String describe(URI uri) {
		return (uri.getHost() == null ? "" : uri.getHost()) + (uri.getRawPath() == null ? "" : uri.getRawPath());
	}

}
