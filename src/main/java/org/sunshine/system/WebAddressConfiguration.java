package org.sunshine.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Where Sunshine is reached: the base of links in messages. */
@Configuration(proxyBeanMethods = false)
class WebAddressConfiguration {

	@Bean
	PublicUrl publicUrl(SystemProperties properties, Environment environment) {
		return new PublicUrl(properties.publicUrl(), environment);
	}

}
