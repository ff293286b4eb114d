package io.callbridge.crm.retailcrm.outbound;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.callbridge.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logo the registration names is served to anyone (retailCRM shows it in its
 * integrations list without logging in to Callbridge), as SVG.
 */
@IntegrationTest
class RetailCrmLogoTests {

	@LocalServerPort
	int port;

	@Test
	void theLogoIsAPublicSvg() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + RetailCrmModule.LOGO)).build(),
					HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("image/svg+xml"));
		assertThat(response.body()).contains("<svg").contains("Callbridge");
	}

}
