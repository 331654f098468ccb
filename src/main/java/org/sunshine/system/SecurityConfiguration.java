package org.sunshine.system;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Residents need no account: only {@code /api/admin/**} is behind HTTP Basic. The JSON API and the
 * Twilio webhooks carry no cookies, so CSRF protection applies to the HTML forms only; their token is kept
 * in a cookie (double submit), so it is the same on every node.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, AdminProperties admin, Clock clock) throws Exception {
		http.addFilterBefore(new AdminLoginThrottle(admin.loginFailures(), admin.loginWindow(), clock),
				BasicAuthenticationFilter.class);
		http.authorizeHttpRequests(requests -> requests
				.requestMatchers("/api/admin/**", "/admin", "/admin/**").hasRole("ADMIN")
				// Probes come without credentials; details of each component show to the admin only.
				.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
				.requestMatchers("/actuator/**").hasRole("ADMIN")
				.anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			// RFC 8058 one-click unsubscribe arrives from mail providers without cookies; the link token is the secret.
			// The token lives in a cookie, not in this node's session, so a form served by one node may be posted
			// to another (several nodes behind one address, no sticky sessions).
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens())
				.ignoringRequestMatchers("/api/**", "/webhooks/**", "/s/*/unsubscribe", "/f/*/leave", "/actuator/**"))
			.addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
			.exceptionHandling(errors -> errors.accessDeniedHandler(new StaleFormHandler()))
			// Pages behind /s/{token} must not hand their token to other sites through Referer.
			// No script on any page may run unless it came from Sunshine itself (there is none inline), no page may be
			// framed, and forms post only back to Sunshine.
			.headers(headers -> headers.referrerPolicy(policy -> policy.policy(ReferrerPolicy.NO_REFERRER))
				.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions(frames -> frames.deny()))
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.none()));
		return http.build();
	}

	/** Inline style attributes are allowed (a few pages use them); inline scripts are not. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	/** HttpOnly: forms carry the token in a hidden field, so no script ever needs to read the cookie. */
	private static CookieCsrfTokenRepository csrfTokens() {
		CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
		tokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
		return tokens;
	}

	/**
	 * Writes the CSRF cookie before a page's body: a page is streamed as it renders, and a form far enough
	 * down would ask for its token after the headers have gone, so its cookie would be lost. API, webhook,
	 * calendar and static responses get no cookie.
	 */
	static final class CsrfCookieFilter extends OncePerRequestFilter {

		private static final List<String> NO_PAGES = List.of("/api/", "/webhooks/", "/css/", "/actuator/");

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (HttpMethod.GET.matches(request.getMethod()) && isPage(request.getRequestURI())
					&& request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
				token.getToken();
			}
			chain.doFilter(request, response);
		}

		private static boolean isPage(String path) {
			return NO_PAGES.stream().noneMatch(path::startsWith) && !path.endsWith(".ics");
		}

	}

	/**
	 * A form posted with a token that no longer matches (left open for long, cookies cleared, the session of
	 * another browser tab) is shown again by {@value #STALE_FORM_PATH} with what was typed and a fresh token,
	 * rather than ending in a bare 403. Anything else denied gets the 403 page.
	 */
	static final class StaleFormHandler implements org.springframework.security.web.access.AccessDeniedHandler {

		static final String STALE_FORM_PATH = "/form-expired";

		@Override
		public void handle(HttpServletRequest request, HttpServletResponse response,
				org.springframework.security.access.AccessDeniedException denied) throws IOException, ServletException {
			boolean form = request.getContentType() != null
					&& request.getContentType().startsWith("application/x-www-form-urlencoded");
			if (denied instanceof org.springframework.security.web.csrf.CsrfException && form && !response.isCommitted()) {
				// A fresh token (and its cookie) before the page renders: the re-shown form posts with it.
				if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
					token.getToken();
				}
				response.setStatus(HttpServletResponse.SC_FORBIDDEN);
				request.getRequestDispatcher(STALE_FORM_PATH).forward(request, response);
				return;
			}
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
		}

	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService adminUser(AdminProperties admin, PasswordEncoder encoder) {
		String password = admin.password();
		if (password == null || password.isBlank()) {
			password = generatedPassword();
			// Like Spring Boot's own default user: a local admin must be able to log in on first run.
			log.warn("No sunshine.admin.password set; generated admin password for this run: {}", password);
		}
		return new InMemoryUserDetailsManager(
				User.withUsername(admin.username()).password(encoder.encode(password)).roles("ADMIN").build());
	}

	private static String generatedPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
