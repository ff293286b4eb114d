package io.callbridge.security;

import io.callbridge.tenants.Tenants;
import org.junit.jupiter.api.Test;

import org.springframework.ui.ExtendedModelMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The login page: a single-company install (one tenant) shows no organisation field, a
 * multi-tenant one or a link naming an organisation does; a refusal's wait is shown in
 * seconds, or in whole minutes rounded up.
 */
class LoginControllerTest {

	private final Tenants tenants = mock(Tenants.class);

	private final LoginController controller = new LoginController(this.tenants);

	@Test
	void singleCompanyInstallAsksNoOrganisation() {
		given(this.tenants.count()).willReturn(1L);
		ExtendedModelMap model = new ExtendedModelMap();

		assertThat(this.controller.login(null, null, model)).isEqualTo("login");

		assertThat(model.get("askOrganisation")).isEqualTo(false);
	}

	@Test
	void severalTenantsOrALinkNamingOneAskTheOrganisation() {
		given(this.tenants.count()).willReturn(1L);
		ExtendedModelMap linked = new ExtendedModelMap();
		this.controller.login(" acme ", null, linked);
		given(this.tenants.count()).willReturn(2L);
		ExtendedModelMap several = new ExtendedModelMap();
		this.controller.login(null, null, several);

		assertThat(linked.get("askOrganisation")).isEqualTo(true);
		assertThat(linked.get("organisation")).isEqualTo("acme");
		assertThat(several.get("askOrganisation")).isEqualTo(true);
	}

	@Test
	void waitIsShownInSecondsOrInWholeMinutesRoundedUp() {
		ExtendedModelMap seconds = new ExtendedModelMap();
		ExtendedModelMap minutes = new ExtendedModelMap();
		ExtendedModelMap nonsense = new ExtendedModelMap();

		this.controller.login(null, "42", seconds);
		this.controller.login(null, "61", minutes);
		this.controller.login(null, "soon", nonsense);

		assertThat(seconds.get("retrySeconds")).isEqualTo(42L);
		assertThat(minutes.get("retryMinutes")).isEqualTo(2L);
		assertThat(nonsense.containsAttribute("retrySeconds")).isFalse();
		assertThat(nonsense.containsAttribute("retryMinutes")).isFalse();
	}

}
