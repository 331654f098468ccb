package org.sunshine.system;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Residents need no account: only {@code /api/admin/**} is behind HTTP Basic. The JSON API and the
 * Twilio webhooks carry no cookies, so CSRF protection applies to the HTML forms only.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests
				.requestMatchers("/api/admin/**").hasRole("ADMIN")
				.anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			// RFC 8058 one-click unsubscribe arrives from mail providers without cookies; the link token is the secret.
			.csrf(csrf -> csrf.ignoringRequestMatchers("/api/**", "/webhooks/**", "/s/*/unsubscribe"))
			// Pages behind /s/{token} must not hand their token to other sites through Referer.
			.headers(headers -> headers.referrerPolicy(policy -> policy.policy(ReferrerPolicy.NO_REFERRER)))
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.none()));
		return http.build();
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
