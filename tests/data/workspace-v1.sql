-- A workspace written by the release before owners (schema 1, PRAGMA user_version 1), dumped
-- as SQL with `sqlite3 workspace.sqlite3 .dump`: two versions of a map saved from the command
-- line, a map a browser session had open with its conversation, and an empty persona set.
-- tests/test_workspace.py loads it and opens it with the current code (the migration test).
PRAGMA user_version=1;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE maps (
        map_id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
    );
INSERT INTO maps VALUES('imported-journey-map','2026-12-01T20:22:02.887007+00:00');
INSERT INTO maps VALUES('bakery-cakes','2026-12-01T20:22:02.888637+00:00');
CREATE TABLE map_versions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        map_id TEXT NOT NULL REFERENCES maps (map_id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        title TEXT NOT NULL,
        message TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        body TEXT NOT NULL,
        UNIQUE (map_id, version)
    );
INSERT INTO map_versions VALUES(1,'imported-journey-map',1,'Imported journey map','first','2026-12-01T20:22:02.887007+00:00','{"id":"imported-journey-map","title":"Imported journey map","map_type":"customer_journey","state":"current","context":{"company":null,"product":null,"industry":null,"business_model":null,"audience":null,"objective":null,"scope":null},"personas":[],"stages":[{"name":"Sign up","phase":null,"customer_goal":null,"actions":["Downloads the app from the App Store"],"touchpoints":[{"provenance":"user","citations":[],"name":"App Store","channel":"marketplace","ownership":null,"owner":null,"description":null},{"provenance":"user","citations":[],"name":"IG ad","channel":"paid_ads","ownership":null,"owner":null,"description":null}],"thoughts":[],"emotion":{"provenance":"user","citations":[],"score":4,"label":null,"persona":null},"persona_emotions":[],"pain_points":[],"opportunities":[],"kpis":[],"owners":[],"moments_of_truth":[],"backstage_actions":[],"support_processes":[],"notes":[]},{"name":"First workout","phase":null,"customer_goal":null,"actions":[],"touchpoints":[{"provenance":"user","citations":[],"name":"Push notification","channel":"mobile_app","ownership":null,"owner":null,"description":null}],"thoughts":[],"emotion":null,"persona_emotions":[{"provenance":"user","citations":[],"score":4,"label":null,"persona":"Casual Cara"},{"provenance":"user","citations":[],"score":2,"label":"bored","persona":"Athlete Alex"}],"pain_points":[],"opportunities":[],"kpis":[],"owners":[],"moments_of_truth":[],"backstage_actions":[],"support_processes":[],"notes":[]},{"name":"Subscribe","phase":null,"customer_goal":null,"actions":[],"touchpoints":[],"thoughts":[],"emotion":{"provenance":"user","citations":[],"score":2,"label":null,"persona":null},"persona_emotions":[],"pain_points":[{"provenance":"user","citations":[],"id":"pp-subscribe-1","description":"Price only shown after the free week","severity":"medium","touchpoint":null,"persona":null,"kind":null}],"opportunities":[],"kpis":[],"owners":[],"moments_of_truth":[],"backstage_actions":[],"support_processes":[],"notes":[]}],"sources":[],"assumptions":[],"notes":[],"version":1,"parent_id":null,"created_at":"2026-12-01T20:22:02.887007Z","updated_at":"2026-12-01T20:22:02.887007Z"}');
INSERT INTO map_versions VALUES(2,'imported-journey-map',2,'Imported journey map (edited)','second','2026-12-01T20:22:02.887959+00:00','{"id":"imported-journey-map","title":"Imported journey map (edited)","map_type":"customer_journey","state":"current","context":{"company":null,"product":null,"industry":null,"business_model":null,"audience":null,"objective":null,"scope":null},"personas":[],"stages":[{"name":"Sign up","phase":null,"customer_goal":null,"actions":["Downloads the app from the App Store"],"touchpoints":[{"provenance":"user","citations":[],"name":"App Store","channel":"marketplace","ownership":null,"owner":null,"description":null},{"provenance":"user","citations":[],"name":"IG ad","channel":"paid_ads","ownership":null,"owner":null,"description":null}],"thoughts":[],"emotion":{"provenance":"user","citations":[],"score":4,"label":null,"persona":null},"persona_emotions":[],"pain_points":[],"opportunities":[],"kpis":[],"owners":[],"moments_of_truth":[],"backstage_actions":[],"support_processes":[],"notes":[]},{"name":"First workout","phase":null,"customer_goal":null,"actions":[],"touchpoints":[{"provenance":"user","citations":[],"name":"Push notification","channel":"mobile_app","ownership":null,"owner":null,"description":null}],"thoughts":[],"emotion":null,"persona_emotions":[{"provenance":"user","citations":[],"score":4,"label":null,"persona":"Casual Cara"},{"provenance":"user","citations":[],"score":2,"label":"bored","persona":"Athlete Alex"}],"pain_points":[],"opportunities":[],"kpis":[],"owners":[],"moments_of_truth":[],"backstage_actions":[],"support_processes":[],"notes":[]},{"name":"Subscribe","phase":null,"customer_goal":null,"actions":[],"touchpoints":[],"thoughts":[],"emotion":{"provenance":"user","citations":[],"score":2,"label":null,"persona":null},"persona_emotions":[],"pain_points":[{"provenance":"user","citations":[],"id":"pp-subscribe-1","description":"Price only shown after the free week","severity":"medium","touchpoint":null,"persona":null,"kind":null}],"opportunities":[],"kpis":[],"owners":[],"moments_of_truth":[],"backstage_actions":[],"support_processes":[],"notes":[]}],"sources":[],"assumptions":[],"notes":[],"version":2,"parent_id":null,"created_at":"2026-12-01T20:22:02.887007Z","updated_at":"2026-12-01T20:22:02.887959Z"}');
INSERT INTO map_versions VALUES(3,'bakery-cakes',1,'Bakery cakes','from the app','2026-12-01T20:22:02.888637+00:00','{"id":"bakery-cakes","title":"Bakery cakes","map_type":"customer_journey","state":"current","context":{"company":null,"product":null,"industry":null,"business_model":null,"audience":null,"objective":null,"scope":null},"personas":[],"stages":[{"name":"Sign up","phase":null,"customer_goal":null,"actions":["Downloads the app from the App Store"],"touchpoints":[{"provenance":"user","citations":[],"name":"App Store","channel":"marketplace","ownership":null,"owner":null,"description":null},{"provenance":"user","citations":[],"name":"IG ad","channel":"paid_ads","ownership":null,"owner":null,"description":null}],"thoughts":[],"emotion":{"provenance":"user","citations":[],"score":4,"label":null,"persona":null},"persona_emotions":[],"pain_points":[],"opportunities":[],"kpis":[],"owners":[],"moments_of_truth":[],"backstage_actions":[],"support_processes":[],"notes":[]},{"name":"First workout","phase":null,"customer_goal":null,"actions":[],"touchpoints":[{"provenance":"user","citations":[],"name":"Push notification","channel":"mobile_app","ownership":null,"owner":null,"description":null}],"thoughts":[],"emotion":null,"persona_emotions":[{"provenance":"user","citations":[],"score":4,"label":null,"persona":"Casual Cara"},{"provenance":"user","citations":[],"score":2,"label":"bored","persona":"Athlete Alex"}],"pain_points":[],"opportunities":[],"kpis":[],"owners":[],"moments_of_truth":[],"backstage_actions":[],"support_processes":[],"notes":[]},{"name":"Subscribe","phase":null,"customer_goal":null,"actions":[],"touchpoints":[],"thoughts":[],"emotion":{"provenance":"user","citations":[],"score":2,"label":null,"persona":null},"persona_emotions":[],"pain_points":[{"provenance":"user","citations":[],"id":"pp-subscribe-1","description":"Price only shown after the free week","severity":"medium","touchpoint":null,"persona":null,"kind":null}],"opportunities":[],"kpis":[],"owners":[],"moments_of_truth":[],"backstage_actions":[],"support_processes":[],"notes":[]}],"sources":[],"assumptions":[],"notes":[],"version":1,"parent_id":null,"created_at":"2026-12-01T20:22:02.888637Z","updated_at":"2026-12-01T20:22:02.888637Z"}');
CREATE TABLE persona_sets (name TEXT PRIMARY KEY);
INSERT INTO persona_sets VALUES('team');
CREATE TABLE personas (
        set_name TEXT NOT NULL REFERENCES persona_sets (name) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (set_name, position)
    );
CREATE TABLE messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL,
        role TEXT NOT NULL,
        content TEXT NOT NULL
    );
INSERT INTO messages VALUES(1,'0123456789abcdef0123456789abcdef','user','draft a map for my bakery');
INSERT INTO messages VALUES(2,'0123456789abcdef0123456789abcdef','assistant','Drafted Bakery cakes');
CREATE TABLE sessions (
        session_id TEXT PRIMARY KEY,
        map_id TEXT REFERENCES maps (map_id) ON DELETE SET NULL
    );
INSERT INTO sessions VALUES('0123456789abcdef0123456789abcdef','bakery-cakes');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('map_versions',3);
INSERT INTO sqlite_sequence VALUES('messages',2);
CREATE INDEX messages_by_session ON messages (session_id, seq);
COMMIT;
