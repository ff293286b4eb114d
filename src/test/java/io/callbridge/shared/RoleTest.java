package io.callbridge.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that each {@link Role} includes the rights of the roles below it and no more.
 */
class RoleTest {

	@Test
	void adminIncludesSupervisorAndAgent() {
		assertThat(Role.ADMIN.includes(Role.SUPERVISOR)).isTrue();
		assertThat(Role.ADMIN.includes(Role.AGENT)).isTrue();
	}

	@Test
	void supervisorIncludesAgentButNotAdmin() {
		assertThat(Role.SUPERVISOR.includes(Role.AGENT)).isTrue();
		assertThat(Role.SUPERVISOR.includes(Role.ADMIN)).isFalse();
	}

	@Test
	void agentIncludesNeitherSupervisorNorAdmin() {
		assertThat(Role.AGENT.includes(Role.SUPERVISOR)).isFalse();
		assertThat(Role.AGENT.includes(Role.ADMIN)).isFalse();
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void everyRoleIncludesItself(Role role) {
		assertThat(role.includes(role)).isTrue();
	}

}
