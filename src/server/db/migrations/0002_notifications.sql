-- Notifications: indexes the delivery job and the admin pages need.

-- "Delete the channel, or only disable it because messages reference it?"
-- is asked on every channel delete; without this it scans the whole outbox.
CREATE INDEX outbox_channel ON outbox (channel_id) WHERE channel_id IS NOT NULL;

-- The admin outbox page filters by status and shows the newest first.
CREATE INDEX outbox_status_created ON outbox (status, created_at DESC);
