"""Syncing a library through git (pure core: no `textual` import).

* `git`: the one way this package runs git (argument lists, a timeout, no prompt);
* `paths`: which files of a library are synced, and the `.gitignore`/`.gitattributes` lines;
* `driver`: `reader merge-sidecar`, the git merge driver for sidecars;
* `message`: the commit message (`margin-reader: 3 highlights, 1 note on 2 articles`);
* `conflict_copies`: Syncthing/Dropbox conflict copies merged into their sidecars;
* `repository`: `--init` and registering the driver;
* `sync`: `reader sync` itself; `status`: clean / N unsent, for the app's title bar;
* `command`: the two verbs' exit statuses and output.
"""
