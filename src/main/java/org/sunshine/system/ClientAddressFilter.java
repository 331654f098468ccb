package org.sunshine.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Behind a proxy every request comes from the proxy, so limits per client address would lump all residents
 * together. This filter takes the client's address from {@code X-Forwarded-For} (or {@code Forwarded}), but only
 * when the request came from one of {@code sunshine.web.trusted-proxies}: walking the chain from the right, the
 * first address that is not a trusted proxy is the client. Anyone else writing that header gets no say, so a
 * sign-up flood cannot dodge its limit by inventing addresses.
 */
public class ClientAddressFilter extends OncePerRequestFilter {

	private final List<IpAddressMatcher> trusted;

	/** @param trustedProxies addresses or CIDR ranges ("10.0.0.0/8", "127.0.0.1") */
	public ClientAddressFilter(List<String> trustedProxies) {
		this.trusted = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).map(IpAddressMatcher::new).toList();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String client = trusted.isEmpty() || !isTrusted(request.getRemoteAddr()) ? null : client(request);
		chain.doFilter(client == null ? request : new HttpServletRequestWrapper(request) {
			@Override
			public String getRemoteAddr() {
				return client;
			}

			@Override
			public String getRemoteHost() {
				return client;
			}
		}, response);
	}

	private String client(HttpServletRequest request) {
		List<String> chain = new ArrayList<>();
		for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
			for (String hop : header.split(",")) {
				chain.add(hop.strip());
			}
		}
		if (chain.isEmpty()) {
			for (String header : Collections.list(request.getHeaders("Forwarded"))) {
				for (String element : header.split(",")) {
					for (String pair : element.split(";")) {
						String[] nameValue = pair.strip().split("=", 2);
						if (nameValue.length == 2 && nameValue[0].equalsIgnoreCase("for")) {
							chain.add(unquote(nameValue[1]));
						}
					}
				}
			}
		}
		for (int i = chain.size() - 1; i >= 0; i--) {
			String hop = chain.get(i);
			if (!isAddress(hop)) {
				return null; // Something we cannot read: keep the proxy's address rather than guess.
			}
			if (!isTrusted(hop)) {
				return hop;
			}
		}
		return null;
	}

	private boolean isTrusted(String address) {
		return isAddress(address) && trusted.stream().anyMatch(matcher -> matcher.matches(address));
	}

	/** A literal IPv4 or IPv6 address, never a name (which would be looked up). */
	private static boolean isAddress(String value) {
		return value != null && !value.isEmpty() && value.matches("[0-9a-fA-F:.]+") && (value.contains(".") || value.contains(":"));
	}

	private static String unquote(String value) {
		String v = value.strip();
		if (v.startsWith("\"") && v.endsWith("\"") && v.length() > 1) {
			v = v.substring(1, v.length() - 1);
		}
		if (v.startsWith("[")) {
			int end = v.indexOf(']');
			return end > 0 ? v.substring(1, end) : v;
		}
		// "192.0.2.1:4711": an IPv4 address with a port.
		return v.indexOf(':') == v.lastIndexOf(':') && v.contains(".") && v.contains(":") ? v.substring(0, v.indexOf(':')) : v;
	}

}
