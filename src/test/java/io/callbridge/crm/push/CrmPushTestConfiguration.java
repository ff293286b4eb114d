package io.callbridge.crm.push;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Gives the push tests' application the in-memory {@link FakeCrmDirectory} (with its
 * {@link ScriptedCrmConnector}) in place of the stored connections.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CrmPushTestConfiguration {

	@Bean
	@Primary
	FakeCrmDirectory fakeCrmDirectory() {
		return new FakeCrmDirectory();
	}

}
