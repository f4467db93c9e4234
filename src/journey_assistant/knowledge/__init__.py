"""What the assistant knows: built-in guidance, domain catalogues and company documents."""
