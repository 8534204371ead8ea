"""Writes: signing and counting in `signatures`, the supporter list in
`supporters`, staff tools in `staff`, sending email in `emails`."""
