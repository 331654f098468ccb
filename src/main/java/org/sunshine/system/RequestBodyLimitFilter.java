package org.sunshine.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies at {@code sunshine.web.max-request-body}: no JSON or form Sunshine takes comes near it, and a
 * client that sends more gets {@code 413} with a problem detail before anything reads the body. A body sent without
 * a length is counted as it is read and stops at the cap (see {@link TooLarge}). CSV uploads ({@code text/csv}, the
 * bulk import) are streamed row by row with their own limits, and pass.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	RequestBodyLimitFilter(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	/** What a body read past the cap throws; the problem-details advice answers it with 413. */
	static final class TooLarge extends IOException {

		TooLarge(long maxBytes) {
			super("The request body is larger than " + maxBytes + " bytes.");
		}

	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
		if (type.startsWith("text/csv")) {
			chain.doFilter(request, response);
			return;
		}
		if (request.getContentLengthLong() > maxBytes) {
			tooLarge(response);
			return;
		}
		boolean streamed = request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null;
		chain.doFilter(streamed ? new Counted(request, maxBytes) : request, response);
	}

	private void tooLarge(HttpServletResponse response) throws IOException {
		response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		// The server does not read what it refuses; the client should not keep sending it on this connection.
		response.setHeader("Connection", "close");
		response.getOutputStream().write(problem(maxBytes).getBytes(StandardCharsets.UTF_8));
	}

	static String problem(long maxBytes) {
		return "{\"type\":\"about:blank\",\"title\":\"Content too large\",\"status\":413,\"detail\":\"The request body is"
				+ " larger than " + maxBytes + " bytes.\"}";
	}

	/** A request without a length whose body stops with {@link TooLarge} once it passes the cap. */
	private static final class Counted extends HttpServletRequestWrapper {

		private final long maxBytes;

		Counted(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream in = super.getInputStream();
			return new ServletInputStream() {

				private long read;

				@Override
				public int read() throws IOException {
					int b = in.read();
					count(b < 0 ? 0 : 1);
					return b;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int n = in.read(buffer, offset, length);
					count(Math.max(n, 0));
					return n;
				}

				private void count(int n) throws TooLarge {
					read += n;
					if (read > maxBytes) {
						throw new TooLarge(maxBytes);
					}
				}

				@Override
				public boolean isFinished() {
					return in.isFinished();
				}

				@Override
				public boolean isReady() {
					return in.isReady();
				}

				@Override
				public void setReadListener(ReadListener listener) {
					in.setReadListener(listener);
				}
			};
		}

	}

}
