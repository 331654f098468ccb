package org.sunshine.matching;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MatchingConfiguration {

	@Bean
	AliasGroups aliasGroups(MatchingProperties properties) {
		return new AliasGroups(properties.aliasesFile());
	}

}
