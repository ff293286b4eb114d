package io.callbridge.shared;

/**
 * The authenticated user (from a login session or an API token) on whose behalf a request
 * runs. Every query a module makes for a request is scoped by {@link #tenantId()}.
 *
 * @param userId the user's id
 * @param tenantId the tenant the user belongs to
 * @param username the login name
 * @param displayName the name shown in the UI
 * @param role what the user may do
 */
public record CurrentUser(long userId, long tenantId, String username, String displayName, Role role) {

	public boolean isAtLeast(Role required) {
		return this.role.includes(required);
	}

	/** Fails with a 403 problem unless the user has at least the given role. */
	public void require(Role required) {
		if (!isAtLeast(required)) {
			throw new Problems.Forbidden(Text.of("problem.roleRequired", switch (required) {
				case AGENT -> Text.of("problem.role.AGENT");
				case SUPERVISOR -> Text.of("problem.role.SUPERVISOR");
				case ADMIN -> Text.of("problem.role.ADMIN");
			}));
		}
	}

}
