package org.sunshine.system;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/** Where Sunshine is reached: the base of links in messages, and who a request really comes from behind a proxy. */
@Configuration(proxyBeanMethods = false)
class WebAddressConfiguration {

	@Bean
	PublicUrl publicUrl(SystemProperties properties, Environment environment) {
		return new PublicUrl(properties.publicUrl(), environment);
	}

	/** Early, before anything reads the client's address. */
	@Bean
	FilterRegistrationBean<ClientAddressFilter> clientAddressFilter(SystemProperties properties) {
		FilterRegistrationBean<ClientAddressFilter> registration = new FilterRegistrationBean<>(
				new ClientAddressFilter(properties.web().trustedProxies()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
