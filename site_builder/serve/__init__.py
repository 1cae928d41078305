"""The serve stage: the live preview. HTTP (server), the rebuild loop (preview), file
watching (watch) and the browser side of live reload (livereload_bridge).
"""
