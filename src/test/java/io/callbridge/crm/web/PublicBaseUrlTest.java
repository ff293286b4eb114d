package io.callbridge.crm.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection's public address when the admin gives none: the server's
 * {@code callbridge.public-url} when set, otherwise the address of the admin's request;
 * one given is kept.
 */
class PublicBaseUrlTest {

	@BeforeEach
	void requestOnAnInternalAddress() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/admin/crm");
		request.setScheme("http");
		request.setServerName("10.0.0.7");
		request.setServerPort(8080);
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
	}

	@AfterEach
	void noRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void theConfiguredPublicUrlIsTheDefault() {
		PublicBaseUrl url = new PublicBaseUrl(" https://cb.example.com/ ");

		assertThat(url.orDefault("  ")).isEqualTo("https://cb.example.com");
		assertThat(url.orDefault(null)).isEqualTo("https://cb.example.com");
		assertThat(url.byDefault()).isEqualTo("https://cb.example.com");
	}

	@Test
	void withoutAConfiguredUrlTheRequestsAddressIsTheDefault() {
		PublicBaseUrl url = new PublicBaseUrl("");

		assertThat(url.orDefault("")).isEqualTo("http://10.0.0.7:8080");
	}

	@Test
	void anAddressGivenIsKept() {
		PublicBaseUrl url = new PublicBaseUrl("https://cb.example.com");

		assertThat(url.orDefault(" https://crm-facing.example.com ")).isEqualTo("https://crm-facing.example.com");
	}

}
