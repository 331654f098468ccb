package org.sunshine.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * HTTP Basic credentials for {@code /api/admin/**}.
 *
 * @param username the admin user name
 * @param password the admin password; when blank, one is generated at start-up and logged once
 */
@ConfigurationProperties("sunshine.admin")
record AdminProperties(@DefaultValue("admin") String username, String password) {

	@Override
	public String toString() {
		return "AdminProperties[username=" + username + ", password=***]";
	}

}
