-- A call started for a campaign, or arriving at a campaign's line, carries the campaign.
ALTER TABLE calls ADD COLUMN campaign_id BIGINT REFERENCES campaigns (id) ON DELETE SET NULL;
ALTER TABLE originations ADD COLUMN campaign_id BIGINT;
CREATE INDEX calls_campaign ON calls (tenant_id, campaign_id, started_at);
