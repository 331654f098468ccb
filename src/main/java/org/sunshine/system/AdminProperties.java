package org.sunshine.system;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin account: HTTP Basic for {@code /api/admin/**}, {@code /admin} and the metrics, and where
 * operational alerts go.
 *
 * @param username the admin user name
 * @param password the admin password; when blank, one is generated at start-up and logged once
 * @param email addresses that hear when a feed fails or goes silent, and when it recovers (none: nobody is told)
 * @param loginFailures wrong passwords one client address may send within {@code loginWindow} before it must wait
 * @param loginWindow the time those failures are counted over
 */
@ConfigurationProperties("sunshine.admin")
public record AdminProperties(@DefaultValue("admin") String username, String password, @DefaultValue List<String> email,
		@DefaultValue("10") int loginFailures, @DefaultValue("15m") Duration loginWindow) {

	@Override
	public String toString() {
		return "AdminProperties[username=" + username + ", password=***, email=" + email.size() + " address(es)]";
	}

}
