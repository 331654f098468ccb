package org.sunshine.feed.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.Set;

/**
 * How far inside the network an address lies, and so which addresses a feed's fetches may reach.
 * <p>
 * The admin's {@code config/feeds.yml} is the trust boundary: a feed's own url may name any address. What the
 * <em>source</em> leads to (a redirect, a document link in its content) may not be more internal than that url:
 * loopback, private and multicast addresses only when the feed's own address is itself not public (or the feed says
 * {@code allow-private: true}); link-local (cloud metadata at 169.254.169.254) and any-local addresses only when the
 * feed's own address is one of them.
 */
public class AddressPolicy {

	/** Where an address lies, from the open internet inwards. */
	public enum Kind {

		PUBLIC("public"), PRIVATE("private"), LOOPBACK("loopback"), MULTICAST("multicast"),
		LINK_LOCAL("link-local"), ANY_LOCAL("any-local");

		private final String words;

		Kind(String words) {
			this.words = words;
		}

		@Override
		public String toString() {
			return words;
		}

	}

	/** Turns a host name into its addresses; tests stand in for DNS with it. */
	@FunctionalInterface
	public interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	/** The system's resolver (DNS, /etc/hosts). */
	public static final AddressPolicy SYSTEM = new AddressPolicy(InetAddress::getAllByName);

	private final Resolver resolver;

	public AddressPolicy(Resolver resolver) {
		this.resolver = resolver;
	}

	InetAddress[] resolve(String host) throws UnknownHostException {
		return resolver.resolve(host);
	}

	/** The kinds of the addresses {@code host} resolves to; public when it does not resolve (the strictest case). */
	Set<Kind> kinds(String host) {
		Set<Kind> kinds = EnumSet.noneOf(Kind.class);
		try {
			for (InetAddress address : resolver.resolve(host)) {
				kinds.add(kind(address));
			}
		}
		catch (UnknownHostException | RuntimeException e) {
			kinds.add(Kind.PUBLIC);
		}
		return kinds.isEmpty() ? EnumSet.of(Kind.PUBLIC) : kinds;
	}

	/**
	 * Whether a fetch may reach an address of kind {@code target} for a feed whose own url resolves to
	 * {@code configured}.
	 */
	static boolean allows(Set<Kind> configured, boolean allowPrivate, Kind target) {
		return switch (target) {
			case PUBLIC -> true;
			case PRIVATE, LOOPBACK, MULTICAST -> allowPrivate || configured.stream().anyMatch(kind -> kind != Kind.PUBLIC);
			// Never reachable by way of a source: only an admin who names such an address gets there.
			case LINK_LOCAL, ANY_LOCAL -> configured.contains(target);
		};
	}

	/** Where {@code address} lies; an IPv4 address written inside IPv6 (::ffff:a.b.c.d, ::a.b.c.d) counts as itself. */
	public static Kind kind(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet6Address && embedsIpv4(bytes)) {
			try {
				return kind(InetAddress.getByAddress(new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] }));
			}
			catch (UnknownHostException e) {
				throw new IllegalStateException(e); // four bytes are always an address
			}
		}
		if (address.isAnyLocalAddress() || (bytes.length == 4 && bytes[0] == 0)) {
			return Kind.ANY_LOCAL; // 0.0.0.0/8 and :: reach the machine itself
		}
		if (address.isLoopbackAddress()) {
			return Kind.LOOPBACK;
		}
		if (address.isLinkLocalAddress()) {
			return Kind.LINK_LOCAL;
		}
		if (address.isMulticastAddress()) {
			return Kind.MULTICAST;
		}
		if (address.isSiteLocalAddress() || isUniqueLocal(bytes) || isSharedOrReserved(bytes)) {
			return Kind.PRIVATE;
		}
		return Kind.PUBLIC;
	}

	/** ::ffff:a.b.c.d (mapped) or ::a.b.c.d (compatible, not :: or ::1). */
	private static boolean embedsIpv4(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
		boolean compatible = bytes[10] == 0 && bytes[11] == 0 && (bytes[12] | bytes[13] | bytes[14]) != 0;
		return mapped || compatible;
	}

	/** fc00::/7, IPv6's private addresses. */
	private static boolean isUniqueLocal(byte[] bytes) {
		return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
	}

	/** 100.64.0.0/10 (carrier-grade NAT, cloud-internal) and 240.0.0.0/4 with the broadcast address. */
	private static boolean isSharedOrReserved(byte[] bytes) {
		if (bytes.length != 4) {
			return false;
		}
		int first = bytes[0] & 0xff;
		int second = bytes[1] & 0xff;
		return (first == 100 && second >= 64 && second < 128) || first >= 240;
	}

}
