package org.sunshine.system;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Where Sunshine is reached: the base of links in messages, who a request really comes from behind a proxy, and how
 * large a request body may be.
 */
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

	/** Before security and everything else that might read a body. */
	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(SystemProperties properties) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties.web().maxRequestBody().toBytes()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
