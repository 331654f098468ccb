package org.sunshine.system;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the system module ({@code sunshine.*}).
 *
 * @param publicUrl base URL residents reach; unset, links follow the address and port the server runs on
 * @param web how requests reach Sunshine
 */
@ConfigurationProperties("sunshine")
record SystemProperties(URI publicUrl, @DefaultValue Web web) {

	/**
	 * @param trustedProxies addresses or CIDR ranges of the proxies in front of Sunshine; only a request from one
	 *        of them may name its client (X-Forwarded-For, Forwarded), so rate limits per client cannot be
	 *        dodged by writing that header oneself
	 * @param maxRequestBody a JSON or form request body larger than this gets 413 (CSV imports stream and pass)
	 */
	record Web(@DefaultValue List<String> trustedProxies, @DefaultValue("64KB") DataSize maxRequestBody) {
	}

}
