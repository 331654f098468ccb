package org.sunshine.system;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down password guessing on the admin account: a client address that has sent {@code login-failures}
 * wrong passwords within {@code login-window} gets 429 for every further try, the right password included,
 * until its oldest failure is older than the window. Runs before HTTP Basic checks the password, so a
 * blocked client learns nothing. Counted per node (a cluster multiplies the allowance by its nodes).
 */
class AdminLoginThrottle extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(AdminLoginThrottle.class);

	private final int failures;

	private final Duration window;

	private final Clock clock;

	/** Each client's recent failures, oldest first; clients quiet for a window are forgotten. */
	private final Cache<String, Deque<Instant>> recent;

	AdminLoginThrottle(int failures, Duration window, Clock clock) {
		this.failures = failures;
		this.window = window;
		this.clock = clock;
		this.recent = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(window).build();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			chain.doFilter(request, response);
			return;
		}
		String client = request.getRemoteAddr();
		Deque<Instant> failed = recent.get(client, key -> new ArrayDeque<>());
		Instant now = clock.instant();
		synchronized (failed) {
			while (!failed.isEmpty() && !failed.peekFirst().isAfter(now.minus(window))) {
				failed.pollFirst();
			}
			if (failed.size() >= failures) {
				Duration wait = Duration.between(now, failed.peekFirst().plus(window));
				response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds())));
				response.sendError(429, "Too many wrong passwords from this address; try again later");
				return;
			}
		}
		chain.doFilter(request, response);
		if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
			synchronized (failed) {
				failed.addLast(clock.instant());
				if (failed.size() == failures) {
					log.warn("Admin sign-in: {} wrong passwords from one address within {}; it waits now", failures, window);
				}
			}
		}
	}

}
