package org.sunshine.feed.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sunshine.feed.fetch.AddressPolicy.Kind;

class AddressPolicyTest {

	@ParameterizedTest
	@CsvSource({ "93.184.216.34, PUBLIC", "8.8.8.8, PUBLIC", "2606:4700:4700::1111, PUBLIC",
			"127.0.0.1, LOOPBACK", "127.255.0.7, LOOPBACK", "::1, LOOPBACK",
			"10.0.0.1, PRIVATE", "172.16.5.4, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.1, PRIVATE",
			"100.64.0.1, PRIVATE", "fd00::1, PRIVATE", "fc12:3456::1, PRIVATE", "255.255.255.255, PRIVATE",
			"172.32.0.1, PUBLIC", "100.128.0.1, PUBLIC",
			"169.254.169.254, LINK_LOCAL", "fe80::1, LINK_LOCAL",
			"0.0.0.0, ANY_LOCAL", "0.1.2.3, ANY_LOCAL", "::, ANY_LOCAL",
			"224.0.0.1, MULTICAST", "ff02::1, MULTICAST",
			// IPv4 written inside IPv6 is the IPv4 address it names.
			"::ffff:127.0.0.1, LOOPBACK", "::ffff:169.254.169.254, LINK_LOCAL", "::127.0.0.1, LOOPBACK",
			"::ffff:10.1.2.3, PRIVATE", "::ffff:93.184.216.34, PUBLIC" })
	void classifiesLiteralAddresses(String literal, Kind kind) throws UnknownHostException {
		assertThat(AddressPolicy.kind(InetAddress.getByName(literal))).isEqualTo(kind);
	}

	@ParameterizedTest
	@CsvSource({ "LOOPBACK, false", "PRIVATE, false", "MULTICAST, false", "LINK_LOCAL, false", "ANY_LOCAL, false",
			"PUBLIC, true" })
	void aPublicFeedReachesOnlyPublicAddresses(Kind target, boolean allowed) {
		assertThat(AddressPolicy.allows(EnumSet.of(Kind.PUBLIC), false, target)).isEqualTo(allowed);
	}

	@ParameterizedTest
	@CsvSource({ "LOOPBACK, true", "PRIVATE, true", "PUBLIC, true", "LINK_LOCAL, false", "ANY_LOCAL, false" })
	void allowPrivateOpensLoopbackAndPrivateButNeverMetadata(Kind target, boolean allowed) {
		assertThat(AddressPolicy.allows(EnumSet.of(Kind.PUBLIC), true, target)).isEqualTo(allowed);
	}

	@ParameterizedTest
	@CsvSource({ "LOOPBACK, true", "PRIVATE, true", "PUBLIC, true", "LINK_LOCAL, false", "ANY_LOCAL, false" })
	void aFeedTheAdminPutOnLoopbackMayLeadToPrivateAddressesButNotToMetadata(Kind target, boolean allowed) {
		assertThat(AddressPolicy.allows(EnumSet.of(Kind.LOOPBACK), false, target)).isEqualTo(allowed);
	}

	@ParameterizedTest
	@CsvSource({ "LINK_LOCAL, true", "LOOPBACK, true", "ANY_LOCAL, false" })
	void onlyAFeedWhoseUrlNamesALinkLocalAddressReachesOne(Kind target, boolean allowed) {
		assertThat(AddressPolicy.allows(EnumSet.of(Kind.LINK_LOCAL), false, target)).isEqualTo(allowed);
	}

	@org.junit.jupiter.api.Test
	void aHostThatDoesNotResolveCountsAsPublicTheStrictestCase() {
		AddressPolicy policy = new AddressPolicy(host -> {
			throw new UnknownHostException(host);
		});

		assertThat(policy.kinds("gone.example.org")).isEqualTo(Set.of(Kind.PUBLIC));
	}

	@org.junit.jupiter.api.Test
	void aHostWithSeveralAddressesHasTheKindOfEach() throws UnknownHostException {
		InetAddress[] both = { InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.8") };
		AddressPolicy policy = new AddressPolicy(host -> both);

		assertThat(policy.kinds("split.example.org")).isEqualTo(Set.of(Kind.PUBLIC, Kind.PRIVATE));
	}

}
