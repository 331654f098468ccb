package org.sunshine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.servlet.ServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ClientAddressFilterTests {

	final ClientAddressFilter filter = new ClientAddressFilter(List.of("10.0.0.0/8", "192.0.2.1"));

	@Test
	void aClientThatIsNotATrustedProxyCannotNameAnotherAddress() throws Exception {
		assertThat(clientSeen("203.0.113.9", "X-Forwarded-For", "198.51.100.1")).isEqualTo("203.0.113.9");
	}

	@Test
	void behindATrustedProxyTheClientIsTheRightmostUntrustedHop() throws Exception {
		assertThat(clientSeen("10.1.2.3", "X-Forwarded-For", "198.51.100.1")).isEqualTo("198.51.100.1");
		// The left part was written by the client itself: it does not count.
		assertThat(clientSeen("10.1.2.3", "X-Forwarded-For", "6.6.6.6, 198.51.100.1, 192.0.2.1")).isEqualTo("198.51.100.1");
		assertThat(clientSeen("192.0.2.1", "Forwarded", "for=\"[2001:db8::7]:4711\";proto=https")).isEqualTo("2001:db8::7");
		assertThat(clientSeen("192.0.2.1", "Forwarded", "for=198.51.100.2:80")).isEqualTo("198.51.100.2");
	}

	@Test
	void withoutTheHeaderOrWithGarbageTheProxysOwnAddressStays() throws Exception {
		assertThat(clientSeen("10.1.2.3", "X-Other", "198.51.100.1")).isEqualTo("10.1.2.3");
		assertThat(clientSeen("10.1.2.3", "X-Forwarded-For", "unknown")).isEqualTo("10.1.2.3");
	}

	@Test
	void withNoTrustedProxiesHeadersAreIgnored() throws Exception {
		ClientAddressFilter none = new ClientAddressFilter(List.of());
		MockHttpServletRequest request = request("127.0.0.1", "X-Forwarded-For", "198.51.100.1");
		MockFilterChain chain = new MockFilterChain();
		none.doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest().getRemoteAddr()).isEqualTo("127.0.0.1");
	}

	private String clientSeen(String peer, String header, String value) throws Exception {
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(request(peer, header, value), new MockHttpServletResponse(), chain);
		ServletRequest seen = chain.getRequest();
		return seen.getRemoteAddr();
	}

	private static MockHttpServletRequest request(String peer, String header, String value) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/subscriptions");
		request.setRemoteAddr(peer);
		request.addHeader(header, value);
		return request;
	}

}
