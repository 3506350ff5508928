//! Reactions (send, list, unread, defaults, paid), polls (create, vote, results, voters, close), and contact, dice, location and venue messages.
