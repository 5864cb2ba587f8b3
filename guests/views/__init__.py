"""The guests app's pages: the guest's invitation page (public, by token), the door page
(door staff), and the print documents (staff)."""
